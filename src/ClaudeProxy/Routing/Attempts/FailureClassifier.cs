using System.Text;

namespace ClaudeProxy.Routing.Attempts;

/// <summary>
/// What an upstream's failed answer means for the key and channel that gave it: one table, read
/// top to bottom, the body before the status — OpenAI reports exhausted credit as 429
/// <c>insufficient_quota</c>, relays report empty balances as 400 or 403 with a message.
/// </summary>
public static class FailureClassifier
{
    // Words that mean "this account cannot pay", in the languages relays answer in.
    private static readonly string[] QuotaSignals =
    [
        "insufficient_quota", "insufficient quota", "exceeded your current quota", "quota exceeded", "quota_exceeded",
        "over_quota", "billing_hard_limit", "billing_not_active", "credit balance", "insufficient balance", "insufficient credit", "insufficient_balance",
        "out of credits", "balance is too low", "payment required",
        "余额不足", "积分不足", "额度", "预扣费", "欠费",
    ];

    // A per-minute limit is a rate limit even when its message speaks of "quota" (Gemini's does).
    private static readonly string[] RateLimitSignals = ["PerMinute", "per minute", "rate_limit_exceeded", "RATE_LIMIT_EXCEEDED"];

    // Gemini answers 400 (not 401) for a bad key.
    private static readonly string[] AuthSignals = ["API_KEY_INVALID", "API key not valid", "API_KEY_SERVICE_BLOCKED"];

    private const int MaxBodyCharsScanned = 16 * 1024;

    public static FailureKind Classify(int status, ReadOnlySpan<byte> body)
    {
        if (status is >= 200 and < 300)
        {
            return FailureKind.None;
        }

        var text = body.IsEmpty ? "" : Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxBodyCharsScanned)]);
        if (status == 429 && ContainsAny(text, RateLimitSignals))
        {
            return FailureKind.RateLimit;
        }

        // Only the statuses quota errors really come with: a 404 page or a schema error that merely
        // mentions such a word is not an empty account.
        if (status is 400 or 402 or 403 or 429 && ContainsAny(text, QuotaSignals))
        {
            return FailureKind.Quota;
        }

        if (status is 400 or 401 or 403 && ContainsAny(text, AuthSignals))
        {
            return FailureKind.Auth;
        }

        return status switch
        {
            401 or 403 => FailureKind.Auth,
            402 => FailureKind.Quota,
            429 => FailureKind.RateLimit,
            408 or >= 500 => FailureKind.Transient,
            _ => FailureKind.Client,
        };
    }

    private static bool ContainsAny(string text, string[] signals)
    {
        foreach (var signal in signals)
        {
            if (text.Contains(signal, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
