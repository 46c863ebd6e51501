using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>
/// One fixture folder (<c>fixtures/&lt;provider&gt;/&lt;kind&gt;/&lt;case&gt;</c>), read from the test output
/// directory. Expected files are compared, never written, unless <c>UPDATE_GOLDENS=1</c> is set: then
/// the actual output is written to the source fixture folder (to be reviewed with a diff) instead.
/// </summary>
internal sealed class GoldenCase
{
    public const string NotesFile = "expected-notes.txt";

    private readonly GoldenPaths _paths;

    private GoldenCase(GoldenPaths paths, string kind, string name)
    {
        _paths = paths;
        Kind = kind;
        Name = name;
        Directory = Path.Combine(paths.OutputRoot, kind, name);
    }

    public string Kind { get; }

    public string Name { get; }

    public string Directory { get; }

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1";

    /// <summary>How failures name the case: provider, kind and case folder.</summary>
    private string Label => $"{_paths.Provider}/{Kind}/{Name}";

    public static GoldenCase Open(GoldenPaths paths, string kind, string name) => new(paths, kind, name);

    /// <summary>The case folder names of one kind, sorted, for <c>MemberData</c>.</summary>
    public static TheoryData<string> Names(GoldenPaths paths, string kind)
    {
        var data = new TheoryData<string>();
        foreach (var name in CaseFolders(paths, kind).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(name!);
        }

        return data;
    }

    public static IEnumerable<string> CaseFolders(GoldenPaths paths, string kind)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var root = Path.Combine(paths.OutputRoot, kind);
        return System.IO.Directory.Exists(root) ? System.IO.Directory.EnumerateDirectories(root) : [];
    }

    public bool Has(string file) => File.Exists(Path.Combine(Directory, file));

    public byte[] ReadBytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    public string ReadText(string file) => File.ReadAllText(Path.Combine(Directory, file), Encoding.UTF8);

    /// <summary>Compares <paramref name="actualJson"/> with the expected JSON file: parsed, property order ignored, arrays in order.</summary>
    public void VerifyJson(string file, string actualJson)
    {
        var actual = JsonNode.Parse(actualJson);
        if (Updating)
        {
            Write(file, actual!.ToJsonString(PrettyJson) + "\n");
            return;
        }

        var expected = JsonNode.Parse(ReadExpected(file));
        var difference = JsonDifference.Find(expected, actual);
        Assert.True(difference is null, $"{Label}/{file}: {difference}\nActual:\n{actual!.ToJsonString(PrettyJson)}");
    }

    /// <summary>Compares an Anthropic event stream with the expected SSE file, event by event (names equal, data as parsed JSON).</summary>
    public void VerifySse(string file, string actualSse)
    {
        if (Updating)
        {
            Write(file, actualSse);
            return;
        }

        var expected = AnthropicSseFrames.Parse(ReadExpected(file));
        var actual = AnthropicSseFrames.Parse(actualSse);
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            Assert.True(i < expected.Count, $"{Label}/{file}: unexpected extra event {i}: {actual[i]}\nActual:\n{actualSse}");
            Assert.True(i < actual.Count, $"{Label}/{file}: missing event {i}: {expected[i]}\nActual:\n{actualSse}");
            Assert.True(expected[i].Event == actual[i].Event, $"{Label}/{file}: event {i} is '{actual[i].Event}', expected '{expected[i].Event}'\nActual:\n{actualSse}");
            var difference = JsonDifference.Find(JsonNode.Parse(expected[i].Data), JsonNode.Parse(actual[i].Data));
            Assert.True(difference is null, $"{Label}/{file}: event {i} ({actual[i].Event}): {difference}\nActual:\n{actualSse}");
        }
    }

    /// <summary>Compares translation notes (log lines) with <c>expected-notes.txt</c>; no file means no notes are expected.</summary>
    public void VerifyNotes(IReadOnlyList<string> notes)
    {
        if (Updating)
        {
            var path = Path.Combine(_paths.SourceRoot, Kind, Name, NotesFile);
            if (notes.Count == 0)
            {
                File.Delete(path);
            }
            else
            {
                Write(NotesFile, string.Join("\n", notes) + "\n");
            }

            return;
        }

        var expected = Has(NotesFile) ? ReadText(NotesFile).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
        Assert.Equal(expected, notes);
    }

    /// <summary>Compares a single expected text (an error message) with the file's content, trailing line break ignored.</summary>
    public void VerifyText(string file, string actual)
    {
        if (Updating)
        {
            Write(file, actual + "\n");
            return;
        }

        Assert.Equal(ReadExpected(file).TrimEnd('\n'), actual);
    }

    private string ReadExpected(string file)
    {
        Assert.True(Has(file), $"{Label} has no {file}. Run the tests with UPDATE_GOLDENS=1 to write it from the actual output, then review it.");
        return ReadText(file);
    }

    private void Write(string file, string content)
    {
        var directory = Path.Combine(_paths.SourceRoot, Kind, Name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, file), content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static readonly JsonSerializerOptions PrettyJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
