namespace ClaudeProxy.Panel.Localization;

/// <summary>
/// Every text the panel shows, one table per language. A plain class rather than resx satellite
/// assemblies: the app runs with invariant globalization and each satellite would be another download.
/// </summary>
public sealed class PanelStrings
{
    public static readonly PanelStrings English = new()
    {
        LanguageCode = "en",
        LanguageName = "English",
        ProductName = "ClaudeProxy",
        Dashboard = "Dashboard",
        Channels = "Channels",
        Logs = "Logs",
        Usage = "Usage",
        Settings = "Settings",
        SignInTitle = "Sign in",
        SignInHint = "Enter the gateway's admin key (ADMIN_ACCESS_KEY, or the access key when none is set).",
        AccessKey = "Admin key",
        SignIn = "Sign in",
        SigningIn = "Signing in…",
        WrongKey = "Wrong key.",
        Throttled = "Too many failed attempts; try again later.",
        SignInFailed = "Could not sign in. Check that the gateway is running and try again.",
        SignOut = "Sign out",
        DarkMode = "Dark theme",
        LightMode = "Light theme",
        SwitchLanguage = "中文",
        Navigation = "Navigation",
        Coming = "This page is coming in a later version.",
        Loading = "Loading…",
        LoadFailed = "Could not load this data. Check that the gateway is running and try again.",
        Retry = "Retry",
        LastHour = "Last hour",
        Requests = "Requests",
        SuccessRate = "Success rate",
        Errors = "Errors",
        LatencyP95 = "Latency p95",
        Tokens = "Tokens (in / out)",
        Cost = "Cost",
        Gateway = "Gateway",
        Status = "Status",
        Version = "Version",
        Uptime = "Uptime",
        ChannelCount = "Channels",
        LoadBalance = "Load balance",
        NoData = "—",
        NotFound = "There is nothing at this address.",
        BackToDashboard = "Back to the dashboard",
    };

    public static readonly PanelStrings SimplifiedChinese = new()
    {
        LanguageCode = "zh-CN",
        LanguageName = "简体中文",
        ProductName = "ClaudeProxy",
        Dashboard = "仪表盘",
        Channels = "渠道",
        Logs = "日志",
        Usage = "用量",
        Settings = "设置",
        SignInTitle = "登录",
        SignInHint = "请输入网关的管理密钥（ADMIN_ACCESS_KEY；未设置时为访问密钥）。",
        AccessKey = "管理密钥",
        SignIn = "登录",
        SigningIn = "正在登录…",
        WrongKey = "密钥错误。",
        Throttled = "失败次数过多，请稍后再试。",
        SignInFailed = "无法登录。请确认网关正在运行后重试。",
        SignOut = "退出登录",
        DarkMode = "深色主题",
        LightMode = "浅色主题",
        SwitchLanguage = "English",
        Navigation = "导航",
        Coming = "此页面将在后续版本中提供。",
        Loading = "加载中…",
        LoadFailed = "无法加载数据。请确认网关正在运行后重试。",
        Retry = "重试",
        LastHour = "最近一小时",
        Requests = "请求数",
        SuccessRate = "成功率",
        Errors = "错误数",
        LatencyP95 = "延迟 p95",
        Tokens = "Token（输入 / 输出）",
        Cost = "费用",
        Gateway = "网关",
        Status = "状态",
        Version = "版本",
        Uptime = "运行时间",
        ChannelCount = "渠道数",
        LoadBalance = "负载均衡",
        NoData = "—",
        NotFound = "此地址没有内容。",
        BackToDashboard = "返回仪表盘",
    };

    public required string LanguageCode { get; init; }
    public required string LanguageName { get; init; }
    public required string ProductName { get; init; }
    public required string Dashboard { get; init; }
    public required string Channels { get; init; }
    public required string Logs { get; init; }
    public required string Usage { get; init; }
    public required string Settings { get; init; }
    public required string SignInTitle { get; init; }
    public required string SignInHint { get; init; }
    public required string AccessKey { get; init; }
    public required string SignIn { get; init; }
    public required string SigningIn { get; init; }
    public required string WrongKey { get; init; }
    public required string Throttled { get; init; }
    public required string SignInFailed { get; init; }
    public required string SignOut { get; init; }
    public required string DarkMode { get; init; }
    public required string LightMode { get; init; }

    /// <summary>The label of the language button: the other language's own name.</summary>
    public required string SwitchLanguage { get; init; }
    public required string Navigation { get; init; }
    public required string Coming { get; init; }
    public required string Loading { get; init; }
    public required string LoadFailed { get; init; }
    public required string Retry { get; init; }
    public required string LastHour { get; init; }
    public required string Requests { get; init; }
    public required string SuccessRate { get; init; }
    public required string Errors { get; init; }
    public required string LatencyP95 { get; init; }
    public required string Tokens { get; init; }
    public required string Cost { get; init; }
    public required string Gateway { get; init; }
    public required string Status { get; init; }
    public required string Version { get; init; }
    public required string Uptime { get; init; }
    public required string ChannelCount { get; init; }
    public required string LoadBalance { get; init; }
    public required string NoData { get; init; }
    public required string NotFound { get; init; }
    public required string BackToDashboard { get; init; }

    public static PanelStrings For(PanelLanguage language) => language == PanelLanguage.SimplifiedChinese ? SimplifiedChinese : English;

    /// <summary>The panel language for a browser language tag: any <c>zh</c> tag is Chinese, everything else English.</summary>
    public static PanelLanguage LanguageOf(string? tag) =>
        tag is not null && (tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
            ? PanelLanguage.SimplifiedChinese
            : PanelLanguage.English;
}
