namespace ClaudeProxy.Observability.Cost;

/// <summary>A model pattern (<c>*</c> and <c>?</c> wildcards, case-insensitive) and the price of the models it matches.</summary>
public sealed record PriceRule(string Pattern, ModelPrice Price);
