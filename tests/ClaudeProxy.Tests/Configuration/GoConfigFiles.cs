namespace ClaudeProxy.Tests.Configuration;

/// <summary>
/// A config as claude-proxy (Go) writes it with <c>json.MarshalIndent(config, "", "  ")</c>: two-space indent,
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped, other text as it is, nanosecond timestamps, no final line
/// break, and fields the gateway does not know.
/// </summary>
internal static class GoConfigFiles
{
    public const string Original = """
        {
          "upstream": [
            {
              "baseUrl": "https://relay.example.com/v1?team=a\u0026b",
              "apiKeys": [
                "sk-relay-1",
                "sk-relay-2"
              ],
              "serviceType": "claude",
              "name": "主力中转",
              "description": "\u003cprimary\u003e relay",
              "website": "https://relay.example.com",
              "insecureSkipVerify": false,
              "modelMapping": {
                "opus": "claude-opus-4-1"
              },
              "priority": 0,
              "status": "active",
              "promotionUntil": "2026-01-05T10:00:00.123456789+08:00",
              "apiKeyConfigs": null,
              "disabledApiKeys": [],
              "historicalApiKeys": [
                "sk-relay-0"
              ]
            },
            {
              "baseUrl": "https://api.anthropic.com",
              "apiKeys": [
                "sk-ant-1"
              ],
              "serviceType": "claude",
              "name": "官方",
              "insecureSkipVerify": false,
              "priority": 1,
              "status": "suspended"
            }
          ],
          "currentUpstream": 0,
          "loadBalance": "round-robin",
          "responsesUpstream": [
            {
              "baseUrl": "https://codex.example.com",
              "apiKeys": [
                "sk-codex"
              ],
              "serviceType": "responses",
              "name": "Codex \u0026 friends",
              "insecureSkipVerify": false,
              "priority": 0
            }
          ],
          "responsesLoadBalance": "failover",
          "geminiUpstream": [],
          "geminiLoadBalance": "failover",
          "fuzzyModeEnabled": true
        }
        """;

    /// <summary><see cref="Original"/> after the gateway gave its channels these ids: each one a line at the end of its channel.</summary>
    public static string WithIds(string relay, string official, string codex) => $$"""
        {
          "upstream": [
            {
              "baseUrl": "https://relay.example.com/v1?team=a\u0026b",
              "apiKeys": [
                "sk-relay-1",
                "sk-relay-2"
              ],
              "serviceType": "claude",
              "name": "主力中转",
              "description": "\u003cprimary\u003e relay",
              "website": "https://relay.example.com",
              "insecureSkipVerify": false,
              "modelMapping": {
                "opus": "claude-opus-4-1"
              },
              "priority": 0,
              "status": "active",
              "promotionUntil": "2026-01-05T10:00:00.123456789+08:00",
              "apiKeyConfigs": null,
              "disabledApiKeys": [],
              "historicalApiKeys": [
                "sk-relay-0"
              ],
              "id": "{{relay}}"
            },
            {
              "baseUrl": "https://api.anthropic.com",
              "apiKeys": [
                "sk-ant-1"
              ],
              "serviceType": "claude",
              "name": "官方",
              "insecureSkipVerify": false,
              "priority": 1,
              "status": "suspended",
              "id": "{{official}}"
            }
          ],
          "currentUpstream": 0,
          "loadBalance": "round-robin",
          "responsesUpstream": [
            {
              "baseUrl": "https://codex.example.com",
              "apiKeys": [
                "sk-codex"
              ],
              "serviceType": "responses",
              "name": "Codex \u0026 friends",
              "insecureSkipVerify": false,
              "priority": 0,
              "id": "{{codex}}"
            }
          ],
          "responsesLoadBalance": "failover",
          "geminiUpstream": [],
          "geminiLoadBalance": "failover",
          "fuzzyModeEnabled": true
        }
        """;

    public static readonly string WithFixedIds = WithIds("ch_relay", "ch_official", "ch_codex");
}
