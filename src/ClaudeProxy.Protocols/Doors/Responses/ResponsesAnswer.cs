namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>A translated non-streaming answer.</summary>
/// <param name="Body">The UTF-8 JSON of the Responses <c>response</c> object.</param>
/// <param name="OutputItems">The response's <c>output</c> (a JSON array), for storing with the conversation so a later request can continue from it.</param>
public sealed record ResponsesAnswer(byte[] Body, byte[] OutputItems);
