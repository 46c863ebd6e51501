using System.Globalization;
using System.Security.Cryptography;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>The ids of the Responses door: a response's, and its output items' (derived from it, so they are unique without more randomness).</summary>
public static class ResponsesIds
{
    private const string ResponsePrefix = "resp_";

    /// <summary>A fresh response id: <c>resp_</c> and 32 random lowercase hex digits.</summary>
    public static string NewResponseId() => ResponsePrefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>
    /// The id of the output item at <paramref name="outputIndex"/>: <paramref name="prefix"/> (<c>msg</c>,
    /// <c>rs</c>, <c>fc</c>, <c>ctc</c>), the response id without <c>resp_</c>, and the index.
    /// </summary>
    internal static string ItemId(string prefix, string responseId, int outputIndex)
    {
        var body = responseId.StartsWith(ResponsePrefix, StringComparison.Ordinal) ? responseId.AsSpan(ResponsePrefix.Length) : responseId.AsSpan();
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{body}_{outputIndex}");
    }
}
