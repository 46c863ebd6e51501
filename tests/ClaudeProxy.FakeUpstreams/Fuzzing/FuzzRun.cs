using System.Globalization;
using CsCheck;

namespace ClaudeProxy.FakeUpstreams.Fuzzing;

/// <summary>
/// Runs a property over inputs drawn from a CsCheck generator, reproducibly: iteration <c>i</c> draws
/// from a PCG seeded with <c>seed + i</c>, so CI always sees the same inputs and a failure names
/// the seed that replays it. A longer or different run is a matter of environment variables:
/// <c>FUZZ_ITERATIONS=100000 FUZZ_SEED=12345 dotnet test</c> (the iteration count replaces every
/// property's own default; the seed defaults to <see cref="DefaultSeed"/>).
/// </summary>
public static class FuzzRun
{
    public const ulong DefaultSeed = 20261203;

    private const int ShownInput = 2_000;

    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    /// <summary><c>FUZZ_ITERATIONS</c> when set, else <paramref name="defaultIterations"/>.</summary>
    public static int Iterations(int defaultIterations) =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var iterations) && iterations > 0
            ? iterations
            : defaultIterations;

    /// <summary>
    /// The inputs of a run, in order (for properties that must run one at a time, such as HTTP round
    /// trips). <paramref name="exactly"/>: always <paramref name="defaultIterations"/> of them, for
    /// statements about the corpus itself rather than about each input.
    /// </summary>
    public static IEnumerable<(ulong Seed, T Input)> Inputs<T>(Gen<T> gen, int defaultIterations, bool exactly = false)
    {
        ArgumentNullException.ThrowIfNull(gen);
        var count = exactly ? defaultIterations : Iterations(defaultIterations);
        for (var i = 0; i < count; i++)
        {
            var seed = Seed + (ulong)i;
            yield return (seed, gen.Generate(new PCG(1, seed), null!, out _));
        }
    }

    /// <summary>Checks <paramref name="property"/> for every input; a failure is rethrown with its seed and (the start of) its input.</summary>
    public static void Check<T>(Gen<T> gen, int defaultIterations, Action<T> property, Func<T, string> describe)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(describe);
        foreach (var (seed, input) in Inputs(gen, defaultIterations))
        {
            try
            {
                property(input);
            }
            catch (Exception ex)
            {
                throw new FuzzFailureException(Describe(seed, describe(input)), ex);
            }
        }
    }

    public static string Describe(ulong seed, string input) =>
        $"Failed for the input of seed {seed} (replay: FUZZ_SEED={seed} FUZZ_ITERATIONS=1):\n"
        + (input.Length <= ShownInput ? input : input[..ShownInput] + $"… ({input.Length} characters)");
}
