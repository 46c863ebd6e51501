using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>Drives the Responses door's request translator the way the endpoint does, and reads what it writes.</summary>
internal static class ResponsesRequestDoor
{
    /// <summary>A request body: <c>"model":"gpt-5"</c>, then <paramref name="fields"/>.</summary>
    public static string Request(string fields) => "{\"model\":\"gpt-5\"," + fields + "}";

    /// <summary>A request with <paramref name="input"/> (a JSON value) and optional further fields.</summary>
    public static string Input(string input, string fields = "") =>
        Request("\"input\":" + input + (fields.Length > 0 ? "," + fields : ""));

    /// <summary>No stored conversation at all.</summary>
    public static byte[]? NoneStored(string id) => null;

    /// <summary>A store holding <paramref name="items"/> (a JSON array) for <paramref name="id"/> only.</summary>
    public static Func<string, byte[]?> Stored(string id, string items) =>
        requested => requested == id ? Encoding.UTF8.GetBytes(items) : null;

    public static ResponsesRequest Translate(string request, Func<string, byte[]?>? previousItems = null) =>
        ResponsesRequestTranslator.Translate(Encoding.UTF8.GetBytes(request), previousItems ?? NoneStored);

    /// <summary>Translates a request that must succeed; returns the hub body's root (a clone, owned by no document).</summary>
    public static JsonElement Hub(string request, Func<string, byte[]?>? previousItems = null) => Root(Succeeded(request, previousItems).Body!);

    /// <summary>Translates a request that must succeed.</summary>
    public static ResponsesRequest Succeeded(string request, Func<string, byte[]?>? previousItems = null)
    {
        var result = Translate(request, previousItems);
        Assert.Null(result.Problem);
        Assert.Null(result.ProblemParam);
        Assert.NotNull(result.Body);
        Assert.NotNull(result.Answer);
        Assert.NotNull(result.InputItems);
        return result;
    }

    /// <summary>Translates a request that must be refused.</summary>
    public static ResponsesRequest Refused(string request, Func<string, byte[]?>? previousItems = null)
    {
        var result = Translate(request, previousItems);
        Assert.Null(result.Body);
        Assert.Null(result.Answer);
        Assert.Null(result.InputItems);
        Assert.NotNull(result.Problem);
        return result;
    }

    /// <summary>A JSON text as a root element owned by no document.</summary>
    public static JsonElement Root(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Compares by value (property order and white space aside), as the Chat door's tests do.</summary>
    public static void AssertJsonEqual(string expected, JsonElement actual) => ChatDoor.AssertJsonEqual(expected, actual);

    public static void AssertJsonEqual(string expected, byte[] actual) => ChatDoor.AssertJsonEqual(expected, Encoding.UTF8.GetString(actual));

    /// <summary>The hub's <c>messages</c> as one JSON text.</summary>
    public static string Messages(JsonElement hub) => hub.GetProperty("messages").GetRawText();
}
