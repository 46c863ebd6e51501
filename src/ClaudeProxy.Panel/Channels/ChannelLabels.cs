using ClaudeProxy.Panel.Localization;
using MudBlazor;

namespace ClaudeProxy.Panel.Channels;

/// <summary>The words and colours for the API's state names (circuit states, ping results, key states, rest reasons and caps).</summary>
public static class ChannelLabels
{
    public static string Circuit(string? state, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return state switch
        {
            "ok" => t.CircuitOk,
            "open" => t.CircuitOpen,
            "half_open" => t.CircuitHalfOpen,
            "disabled" => t.ChannelDisabled,
            "suspended" => t.ChannelSuspended,
            _ => t.NoData,
        };
    }

    public static Color CircuitColor(string? state) => state switch
    {
        "ok" => Color.Success,
        "open" => Color.Error,
        "half_open" => Color.Warning,
        _ => Color.Default,
    };

    public static string Ping(string status, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return status switch
        {
            "healthy" => t.PingHealthy,
            "auth_error" => t.PingAuthError,
            "rate_limited" => t.PingRateLimited,
            "timeout" => t.PingTimeout,
            "unreachable" => t.PingUnreachable,
            "no_keys" => t.PingNoKeys,
            _ => t.PingError,
        };
    }

    public static Color PingColor(string status) => status switch
    {
        "healthy" => Color.Success,
        "rate_limited" or "no_keys" => Color.Warning,
        _ => Color.Error,
    };

    public static string Key(string? state, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return state == "resting" ? t.KeyResting : state == "ok" ? t.KeyOk : t.NoData;
    }

    /// <summary>Why a key rests, in the panel's words for the reasons the gateway gives; any other reason as the gateway gave it.</summary>
    public static string? RestReason(string? reason, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return reason switch
        {
            null or "" => null,
            "key refused" => t.RestKeyRefused,
            "out of quota" => t.RestOutOfQuota,
            "rate limited" => t.RestRateLimited,
            "upstream error" => t.RestUpstreamError,
            "connection failed" => t.RestConnectionFailed,
            "no answer in time" => t.RestTimeout,
            _ when reason.StartsWith("rate limit reached", StringComparison.Ordinal) => t.RestLimitReached,
            _ => reason,
        };
    }

    /// <summary>The cap a key is at (<c>maxConcurrency</c> or <c>rpm</c>).</summary>
    public static string Cap(string? cappedBy, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var cap = cappedBy switch
        {
            "maxConcurrency" => t.KeyCapConcurrency,
            "rpm" => t.KeyCapRpm,
            _ => cappedBy ?? t.NoData,
        };
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, t.KeyAtCap, cap);
    }

    /// <summary>A client door by the API its clients speak.</summary>
    public static string Door(string door, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return door switch
        {
            "messages" => t.DoorMessages,
            "chat" => t.DoorChat,
            "responses" => t.DoorResponses,
            "gemini" => t.DoorGemini,
            _ => door,
        };
    }

    /// <summary>An option's value marked as the default when it is <paramref name="fallback"/>.</summary>
    public static string Option(string value, string fallback, PanelStrings t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return value == fallback ? string.Format(System.Globalization.CultureInfo.InvariantCulture, t.OptionDefault, value) : value;
    }

    /// <summary>A key's last error in one line: kind, HTTP status and the (already redacted) message.</summary>
    public static string? Error(Services.KeyError? error)
    {
        if (error is null)
        {
            return null;
        }

        var status = error.Status is { } code ? $" {code}" : "";
        var message = string.IsNullOrWhiteSpace(error.Message) ? "" : $": {error.Message}";
        return $"{error.Kind}{status}{message}";
    }
}
