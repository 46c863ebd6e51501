using System.Text;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// Which events of a Responses stream show the answer has begun (so the gateway commits to it), and
/// which are errors at the start (so the attempt fails over instead).
/// </summary>
public sealed class ResponsesStreamStartTests
{
    [Theory]
    [InlineData("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}""")]
    [InlineData("""{"type":"response.refusal.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"I can't"}""")]
    [InlineData("""{"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"**Plan**"}""")]
    [InlineData("""{"type":"response.reasoning_text.delta","item_id":"rs_1","output_index":0,"content_index":0,"delta":"The user"}""")]
    [InlineData("""{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"{\""}""")]
    [InlineData("""{"type":"response.output_item.added","output_index":0,"item":{"id":"fc_1","type":"function_call","arguments":"","call_id":"call_1","name":"Bash"}}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning","encrypted_content":"gAAAA","summary":[]}}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Plan"}]}}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]}}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"fc_1","type":"function_call","arguments":"{}","call_id":"call_1","name":"Bash"}}""")]
    [InlineData("""{"type":"response.completed","response":{"status":"completed","output":[]}}""")]
    [InlineData("""{"type":"response.incomplete","response":{"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"}}}""")]
    [InlineData("""{"type":"response.output_text.delta","delta":"cut""")]
    [InlineData("not json")]
    public void An_event_with_content_or_the_end_of_the_response_carries_the_answer(string data) =>
        Assert.True(ResponsesStreamStart.CarriesAnswer(Encoding.UTF8.GetBytes(data)));

    [Theory]
    [InlineData("""{"type":"response.created","sequence_number":0,"response":{"status":"in_progress","output":[],"error":null,"usage":null}}""")]
    [InlineData("""{"type":"response.in_progress","sequence_number":1,"response":{"status":"in_progress","output":[]}}""")]
    [InlineData("""{"type":"response.output_item.added","output_index":0,"item":{"id":"msg_1","type":"message","status":"in_progress","role":"assistant","content":[]}}""")]
    [InlineData("""{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}""")]
    [InlineData("""{"type":"response.content_part.added","item_id":"msg_1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}""")]
    [InlineData("""{"type":"response.reasoning_summary_part.added","item_id":"rs_1","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}""")]
    [InlineData("""{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":""}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_1","type":"reasoning","summary":[]}}""")]
    [InlineData("""{"type":"response.output_item.done","output_index":0,"item":{"id":"ws_1","type":"web_search_call","status":"completed"}}""")]
    [InlineData("""{"type":"response.web_search_call.searching","item_id":"ws_1","output_index":0}""")]
    [InlineData("[DONE]")]
    [InlineData("[1,2]")]
    public void An_announcement_before_any_content_does_not_carry_the_answer(string data) =>
        Assert.False(ResponsesStreamStart.CarriesAnswer(Encoding.UTF8.GetBytes(data)));

    [Theory]
    [InlineData("error", """{"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null,"sequence_number":2}""", "rate_limit_error", "Slow down.")]
    [InlineData("", """{"type":"error","code":"insufficient_quota","message":"No quota.","param":null}""", "billing_error", "No quota.")]
    [InlineData("error", """{"type":"error","error":{"type":"invalid_request_error","code":"context_length_exceeded","message":"Too long.","param":"input"}}""", "invalid_request_error", "Too long.")]
    [InlineData("response.failed", """{"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"The server had an error."}}}""", "api_error", "The server had an error.")]
    [InlineData("", """{"type":"response.failed","response":{"status":"failed","error":{"code":"invalid_prompt","message":"Flagged."}}}""", "invalid_request_error", "Flagged.")]
    [InlineData("error", """{"code":"503","message":"Busy."}""", "overloaded_error", "Busy.")]
    [InlineData("", """{"error":{"message":"Overloaded.","type":"overloaded_error"}}""", "overloaded_error", "Overloaded.")]
    [InlineData("error", "upstream went away", "api_error", "upstream went away")]
    public void An_error_event_or_a_failed_response_at_the_start_is_read_as_an_error(string eventName, string data, string errorType, string message)
    {
        var error = ResponsesStreamStart.ReadError(Encoding.UTF8.GetBytes(eventName), Encoding.UTF8.GetBytes(data));

        Assert.Equal((errorType, message), error);
    }

    [Theory]
    [InlineData("response.created", """{"type":"response.created","response":{"status":"in_progress","error":null}}""")]
    [InlineData("response.output_text.delta", """{"type":"response.output_text.delta","delta":"an \"error\" in the text"}""")]
    [InlineData("response.completed", """{"type":"response.completed","response":{"status":"completed","error":null,"output":[]}}""")]
    [InlineData("", "not json")]
    public void Any_other_event_is_not_an_error(string eventName, string data) =>
        Assert.Null(ResponsesStreamStart.ReadError(Encoding.UTF8.GetBytes(eventName), Encoding.UTF8.GetBytes(data)));
}
