namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// The <c>input</c> of a Responses request before it is written: built turn by turn in order, then
/// tidied the way the API needs. Every call is answered by one <c>function_call_output</c> before
/// anything else the user side says (the API rejects a call without its output, and an output without
/// its call); empty messages are dropped and adjacent messages of one role merged.
/// </summary>
internal sealed class ResponsesInputList
{
    private readonly List<ResponsesInputItem> _items = [];

    public void Add(ResponsesInputItem item) => _items.Add(item);

    /// <summary>
    /// The items in order, each run of user-side items led by the answers to the calls before it, in call
    /// order: the client's result, or an error answer when it sent none. Results that answer no call
    /// become text of the run's message. Calls of a closing assistant turn stay unanswered.
    /// </summary>
    public List<ResponsesInputItem> Tidy(List<string> notes)
    {
        var tidied = new List<ResponsesInputItem>(_items.Count);
        List<ResponsesInputFunctionCall> open = [];
        var index = 0;
        while (index < _items.Count)
        {
            if (!_items[index].IsFromUser)
            {
                if (_items[index] is ResponsesInputFunctionCall call)
                {
                    open.Add(call);
                }

                Append(tidied, _items[index++]);
                continue;
            }

            var end = index;
            while (end < _items.Count && _items[end].IsFromUser)
            {
                end++;
            }

            Answer(_items.GetRange(index, end - index), open, tidied, notes);
            open = [];
            index = end;
        }

        return tidied;
    }

    private static void Answer(List<ResponsesInputItem> run, List<ResponsesInputFunctionCall> calls, List<ResponsesInputItem> into, List<string> notes)
    {
        var results = run.OfType<ResponsesInputToolResult>().ToList();
        foreach (var call in calls)
        {
            var result = results.Find(r => r.Result.ToolUseId == call.CallId);
            if (result is null)
            {
                notes.Add($"Tool call {call.CallId} ({call.Name}) had no tool_result; answered it with an error, since the Responses API rejects a call without its output.");
                into.Add(new ResponsesInputFunctionOutput(call.CallId, ToolResultContent.Missing(call.CallId)));
                continue;
            }

            results.Remove(result);
            into.Add(new ResponsesInputFunctionOutput(call.CallId, result.Result));
        }

        var user = new ResponsesInputMessage(ResponsesInputRole.User);
        foreach (var item in run)
        {
            if (item is ResponsesInputMessage message)
            {
                user.Parts.AddRange(message.Parts);
            }
            else if (item is ResponsesInputToolResult orphan && results.Contains(orphan))
            {
                // No call before it: the API would reject it as a function_call_output, but the model should still see what it says.
                notes.Add($"tool_result {orphan.Result.ToolUseId} answers no call of the turn before it; sent as text.");
                user.Parts.Add(ResponsesInputPart.Text(orphan.Result.AsContext));
                user.Parts.AddRange(orphan.Result.ImageSources.Select(ResponsesInputPart.Image));
            }
        }

        Append(into, user);
    }

    private static void Append(List<ResponsesInputItem> into, ResponsesInputItem item)
    {
        if (item is ResponsesInputMessage message)
        {
            if (message.Parts.Count == 0)
            {
                return;
            }

            if (into.Count > 0 && into[^1] is ResponsesInputMessage previous && previous.Role == message.Role)
            {
                previous.Parts.AddRange(message.Parts);
                return;
            }
        }

        into.Add(item);
    }
}
