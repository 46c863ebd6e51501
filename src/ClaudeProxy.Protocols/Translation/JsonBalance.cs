namespace ClaudeProxy.Protocols.Translation;

/// <summary>
/// Follows a JSON text that arrives in pieces (a tool call's streamed arguments) and tells, in time
/// proportional to each new piece, whether it could be complete yet: a value has begun and every
/// bracket opened outside a string is closed. Only then is a full parse worth running.
/// </summary>
internal sealed class JsonBalance
{
    private int _depth;
    private bool _started;
    private bool _inString;
    private bool _escaped;

    public bool MayBeComplete => _started && _depth == 0 && !_inString;

    public void Append(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    _started = true;
                    break;
                case '{' or '[':
                    _depth++;
                    _started = true;
                    break;
                case '}' or ']':
                    _depth--;
                    break;
                case ' ' or '\t' or '\r' or '\n':
                    break;
                default:
                    _started = true;
                    break;
            }
        }
    }
}
