namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// Set by a door that translates its answers: an upstream answer already in the door's protocol calls
/// <see cref="PassThrough"/> before writing, so it reaches the client untranslated.
/// </summary>
public interface IDoorPassthroughFeature
{
    void PassThrough();
}
