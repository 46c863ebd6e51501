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
        // Dashboard (live parts) and Settings pages
        Today = "Today",
        TodayHint = "The last 24 hours",
        LatencyP50 = "Latency p50",
        FirstByteP50 = "First byte p50",
        CacheHitRate = "Cache hit rate",
        ActiveChannels = "Active channels",
        ActiveChannelsHint = "Channels the config routes to (not suspended or disabled)",
        Traffic = "Traffic",
        ChartWindow = "Window",
        ChartTokens = "Tokens",
        OverTime = "Over time",
        ByChannel = "By channel",
        NoTraffic = "No requests in this window.",
        LatestRequests = "Latest requests",
        LiveConnecting = "Connecting…",
        LiveOn = "Live",
        LiveReconnecting = "Reconnecting…",
        LiveStopped = "Stopped",
        NoRequestsYet = "No requests yet. They appear here as they finish.",
        ColumnTime = "Time",
        ColumnRoute = "Model → channel",
        ColumnLatency = "Latency",
        ColumnTokens = "Tokens (in / out)",
        NoChannel = "no channel",
        KeyStrategy = "Key strategy",
        KeyStrategyHint = "How a channel picks among its keys.",
        StrategySticky = "Sticky: each conversation keeps its key, conversations spread over all keys (prompt caches stay warm)",
        StrategyRoundRobin = "Round robin: each request takes the next key",
        StrategyRandom = "Random: any key, at random",
        StrategyFailover = "Failover: keys in list order (keeps one key's prompt cache warm)",
        Save = "Save",
        Saved = "Saved.",
        SaveFailed = "Could not save. Check that the gateway is running and try again.",
        ConfigTitle = "Configuration",
        ExportConfig = "Export (keys masked)",
        ExportHint = "Downloads the config file with every key masked.",
        ImportConfig = "Import a config file",
        ImportHint = "Replaces the whole config after checking it. Masked keys of existing channels keep their real values.",
        Imported = "Config imported.",
        ImportRefused = "The gateway refused this config:",
        ImportFailed = "Could not import. Check that the gateway is running and try again.",
        FileTooLarge = "The file is larger than 4 MB.",
        About = "About",
        ConnectClients = "Connect clients",
        ConnectHint = "The gateway serves the Anthropic Messages API (/v1/messages). Replace the placeholder with one of this gateway's access keys.",
        AccessKeyPlaceholder = "your-access-key",
        Copy = "Copy",
        Copied = "Copied.",
        CopyFailed = "Could not copy; select the text and copy it by hand.",
        // Logs and Usage pages.
        LogsPeriod = "Period",
        LogsAnyTime = "Any time",
        LogsLast15Minutes = "Last 15 minutes",
        LogsLastHour = "Last hour",
        LogsLast24Hours = "Last 24 hours",
        LogsLast7Days = "Last 7 days",
        LogsLast30Days = "Last 30 days",
        LogsChannel = "Channel",
        LogsModel = "Model",
        LogsStatus = "Status code",
        LogsStatusInvalid = "A status code from 100 to 599",
        LogsErrorType = "Error type",
        LogsApply = "Apply",
        LogsClear = "Clear",
        LogsNewer = "Newer",
        LogsOlder = "Older",
        LogsPage = "Page {0}",
        ExportCsv = "Export CSV",
        LogsEmpty = "No requests match these filters.",
        LogsTime = "Time",
        LogsModelChannel = "Model → channel",
        LogsLatency = "Latency",
        LogsDetail = "Request details",
        LogsClose = "Close",
        LogsRequestId = "Request ID",
        LogsPath = "Path",
        LogsMappedModel = "Model sent upstream",
        LogsServiceType = "Channel type",
        LogsKey = "Key",
        LogsStream = "Streamed",
        LogsYes = "Yes",
        LogsNo = "No",
        LogsTtfb = "Time to first byte",
        LogsCacheTokens = "Cache tokens (read / written)",
        LogsError = "Error",
        LogsAttempts = "Attempts",
        LogsRequestBody = "Request body",
        LogsResponseBody = "Response body",
        UsageWindow = "Window",
        UsageBy = "Group by",
        UsageByChannel = "Channel",
        UsageByKey = "Key",
        UsageByModel = "Model",
        UsageWindow15m = "15 minutes",
        UsageWindow1h = "1 hour",
        UsageWindow6h = "6 hours",
        UsageWindow24h = "24 hours",
        UsageWindow7d = "7 days",
        UsageWindow30d = "30 days",
        UsageChart = "Requests and errors",
        UsageP50 = "Latency p50",
        UsageTokensIn = "Tokens in",
        UsageTokensOut = "Tokens out",
        UsageCacheHitRate = "Cache hit rate",
        UsageTotal = "Total",
        UsageNoName = "(none)",
        UsageEmpty = "No requests in this window.",

        // Channels and keys page
        ChannelAdd = "Add channel",
        ChannelEditTitle = "Edit channel",
        ChannelNone = "No channels yet. Add one to start routing requests.",
        ChannelName = "Name",
        ChannelType = "Type",
        ChannelBaseUrl = "Base URL",
        ChannelDescription = "Description",
        ChannelPriority = "Priority",
        ChannelPriorityHint = "Lower goes first; empty: its position in the list.",
        ChannelWeight = "Weight",
        ChannelKeyCount = "Keys",
        ChannelActive = "Active",
        ChannelDisabled = "Disabled",
        ChannelSuspended = "Suspended",
        ChannelUsedFirst = "Used first",
        ChannelCircuit = "Circuit",
        CircuitOk = "OK",
        CircuitOpen = "Open (paused)",
        CircuitHalfOpen = "Half open (probing)",
        ChannelRestingKeys = "Resting keys",
        ChannelLastError = "Last error",
        ChannelRequests15m = "Requests (15 min)",
        ChannelCacheHitRate = "Cache hit rate (15 min)",
        ChannelMoveUp = "Move up",
        ChannelMoveDown = "Move down",
        ChannelUseFirst = "Use first",
        ChannelPing = "Ping",
        ChannelPinging = "Pinging…",
        ChannelEnable = "Enable",
        ChannelDisable = "Disable",
        ChannelEdit = "Edit",
        ChannelDelete = "Delete",
        ChannelDeleteTitle = "Delete channel?",
        ChannelDeleteQuestion = "Delete the channel “{0}” and its keys? This cannot be undone.",
        ChannelSaved = "Saved.",
        ChannelChangeFailed = "The change could not be saved. Check that the gateway is running and try again.",
        Cancel = "Cancel",
        QuickAdd = "Quick add",
        QuickAddHint = "Paste text with a base URL and keys: the type is recognised from the URL or the keys' prefixes.",
        QuickAddApply = "Fill in",
        QuickAddNothing = "No base URL or key recognised.",
        ChannelKeysField = "API keys (one per line)",
        ModelMapping = "Model mapping",
        MappingSource = "Requested model",
        MappingTarget = "Upstream model",
        MappingAdd = "Add mapping",
        MappingRemove = "Remove mapping",
        ModelPatterns = "Models served (patterns such as claude-*haiku*, one per line; empty: all)",
        FieldRequired = "Required.",
        FieldUrl = "An absolute http(s) URL, e.g. https://api.anthropic.com",
        FieldWholeNumber = "A whole number.",
        FieldOneOrMore = "1 or more.",
        FieldTooLong = "Too long.",
        FieldNoSpaces = "No spaces inside a key or pattern.",
        FieldDuplicateKey = "The same key is listed twice.",
        FieldDuplicateMapping = "This model is mapped twice.",
        PingHealthy = "Healthy",
        PingAuthError = "Key refused",
        PingRateLimited = "Rate limited",
        PingError = "Error",
        PingTimeout = "Timed out",
        PingUnreachable = "Unreachable",
        PingNoKeys = "No keys to try",
        Keys = "Keys",
        KeyState = "State",
        KeyOk = "OK",
        KeyResting = "Resting",
        KeyRequests24h = "Requests (24 h)",
        KeyTokens24h = "Tokens (24 h)",
        KeyCost24h = "Cost (24 h)",
        KeyRemove = "Remove key",
        KeyRemoveQuestion = "Remove the key {0} from this channel?",
        KeysAdd = "Add keys",
        KeysNone = "This channel has no keys.",
        KeysShow = "Show keys",
        KeysHide = "Hide keys",

        // Local times, the Logs custom range and the Settings import confirmation
        TimesIn = "Times in {0}",
        LogsCustomRange = "Custom range",
        LogsFrom = "From (local time)",
        LogsTo = "To (local time)",
        LogsRangeIncomplete = "Pick a start, an end or both.",
        LogsRangeOrder = "The start must be before the end.",
        ImportConfirmTitle = "Import this config?",
        ImportConfirmSummary = "{0} has {1} channel(s) and the key strategy “{2}”.",
        ImportConfirmReplace = "It replaces the gateway's whole current config: channels and settings not in the file are gone.",
        ImportConfirm = "Import",
        ImportNotJson = "This file is not valid JSON. Nothing was imported.",
        ImportNotConfig = "This file is not a ClaudeProxy config (no “upstream” list). Nothing was imported.",

        // Channels page: drag to reorder
        ChannelDragHandle = "Drag to reorder",

        // Channels page: promotion, key rests and caps, channel headers
        Until = "until {0}",
        ChannelPromote = "Promote",
        ChannelPromoteMinutes = "For {0} min",
        ChannelPromoteHours = "For {0} h",
        ChannelPromotedUntil = "Promoted until {0}",
        ChannelEndPromotion = "End promotion",
        ChannelMaxConcurrency = "Max concurrency",
        ChannelRpm = "RPM",
        ChannelRpmHint = "Requests a minute, per key; empty: no cap.",
        ChannelCapHint = "Per key; empty: no cap.",
        ChannelHeaders = "Headers",
        ChannelHeadersField = "Request headers (Name: value, one per line)",
        ChannelHeadersHint = "Sent upstream with every request, e.g. User-Agent; credentials come from the keys. Secret values are shown masked: type them again when you change this field.",
        KeyInFlight = "In flight: {0}",
        KeyAtCap = "At cap ({0})",
        KeyCapConcurrency = "max concurrency",
        KeyCapRpm = "requests per minute",
        RestLimitReached = "rate limit reached (per the upstream's headers)",
        RestKeyRefused = "key refused",
        RestOutOfQuota = "out of quota",
        RestRateLimited = "rate limited",
        RestUpstreamError = "upstream error",
        RestConnectionFailed = "connection failed",
        RestTimeout = "no answer in time",
        FieldHeaderLine = "One header per line, as Name: value.",
        FieldHeaderName = "“{0}” is not a header name.",
        FieldHeaderRefused = "“{0}” cannot be set here: credentials come from the channel's keys, and the HTTP client frames the message.",
        FieldHeaderTwice = "“{0}” is listed twice.",
        FieldHeaderMasked = "The value of “{0}” is shown masked: type it again, or undo your changes to the headers.",

        // Channel dialog: more options
        ChannelMoreOptions = "More options",
        ChannelBaseUrls = "More base URLs (one per line)",
        ChannelBaseUrlsHint = "Endpoints of the same upstream, tried after the base URL (which may then be left empty): every key on one before the next.",
        ChannelDoors = "Client doors",
        ChannelDoorsHint = "The client APIs whose requests this channel serves; left as they opened, the channel keeps its default.",
        DoorMessages = "Messages (/v1/messages)",
        DoorChat = "Chat Completions (/v1/chat/completions)",
        DoorResponses = "Responses (/v1/responses)",
        DoorGemini = "Gemini (/v1beta/models)",
        ChannelAuthStyle = "Key header",
        ChannelKeyStrategy = "Key strategy",
        ChannelKeyStrategyGlobal = "The global strategy",
        ChannelInsecureSkipVerify = "Skip TLS certificate verification",
        ChannelMaxTokens = "Max output tokens",
        ChannelMaxTokensHint = "Larger max_tokens are clamped; empty: no limit.",
        ChannelReasoning = "Reasoning controls",
        ChannelReasoningHint = "Which reasoning fields the upstream's models take; none drops thinking and effort.",
        ChannelSystemMessagesInPlace = "Send mid-conversation system messages as system messages",
        ChannelFoldSystemMessages = "Fold mid-conversation system messages into the first one",
        ChannelForwardUserId = "Send a hash of the user id as user",
        ChannelInjectThoughtSignature = "Give function calls without a thought signature a placeholder",
        ChannelStripThoughtSignature = "Send no thought signatures (wins over the placeholder)",
        OptionDefault = "{0} (default)",
        FieldUrlLine = "“{0}” is not an absolute http(s) URL.",
        FieldDoorsNone = "Client doors: check at least one.",
        FieldFoldInPlace = "Cannot be on with “Send mid-conversation system messages as system messages”.",

        // Several instances: the dashboard's instance list, the Logs instance column and filter
        Instance = "Instance",
        Instances = "Instances",
        InstanceThis = "this one",
        InstanceInFlight = "In flight",
        InstanceRequests = "Requests logged",
        InstanceStarted = "Started {0}",
        InstanceDuplicate = "Duplicate id",
        InstanceDuplicateWarning = "More than one live instance uses the id “{0}”: give each instance its own INSTANCE_ID, or their log rows cannot be told apart.",
        RedisConnected = "Redis connected",
        RedisUnreachable = "Redis unreachable",
        RedisUnreachableWarning = "Redis is unreachable: this instance goes on with its own state and cannot see the others until Redis is back.",
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
        // Dashboard (live parts) and Settings pages
        Today = "今天",
        TodayHint = "最近 24 小时",
        LatencyP50 = "延迟 p50",
        FirstByteP50 = "首字节 p50",
        CacheHitRate = "缓存命中率",
        ActiveChannels = "活跃渠道",
        ActiveChannelsHint = "配置中参与路由的渠道（未暂停、未停用）",
        Traffic = "流量",
        ChartWindow = "时间范围",
        ChartTokens = "Token",
        OverTime = "随时间变化",
        ByChannel = "按渠道",
        NoTraffic = "此时间范围内没有请求。",
        LatestRequests = "最新请求",
        LiveConnecting = "正在连接…",
        LiveOn = "实时",
        LiveReconnecting = "正在重新连接…",
        LiveStopped = "已停止",
        NoRequestsYet = "暂无请求。请求完成后会显示在这里。",
        ColumnTime = "时间",
        ColumnRoute = "模型 → 渠道",
        ColumnLatency = "延迟",
        ColumnTokens = "Token（输入 / 输出）",
        NoChannel = "无渠道",
        KeyStrategy = "密钥策略",
        KeyStrategyHint = "渠道在多个密钥之间的选择方式。",
        StrategySticky = "会话粘滞：每个会话固定使用同一密钥，会话分散到所有密钥（保持提示缓存）",
        StrategyRoundRobin = "轮询：每个请求依次使用下一个密钥",
        StrategyRandom = "随机：随机选择密钥",
        StrategyFailover = "故障转移：按列表顺序使用密钥（保持单个密钥的提示缓存）",
        Save = "保存",
        Saved = "已保存。",
        SaveFailed = "保存失败。请确认网关正在运行后重试。",
        ConfigTitle = "配置",
        ExportConfig = "导出（密钥已遮蔽）",
        ExportHint = "下载配置文件，所有密钥均已遮蔽。",
        ImportConfig = "导入配置文件",
        ImportHint = "校验通过后替换整个配置。现有渠道的遮蔽密钥保留其真实值。",
        Imported = "配置已导入。",
        ImportRefused = "网关拒绝了此配置：",
        ImportFailed = "导入失败。请确认网关正在运行后重试。",
        FileTooLarge = "文件超过 4 MB。",
        About = "关于",
        ConnectClients = "连接客户端",
        ConnectHint = "网关提供 Anthropic Messages API（/v1/messages）。请将占位符替换为此网关的访问密钥。",
        AccessKeyPlaceholder = "你的访问密钥",
        Copy = "复制",
        Copied = "已复制。",
        CopyFailed = "无法复制，请手动选中文本复制。",
        // Logs and Usage pages.
        LogsPeriod = "时间范围",
        LogsAnyTime = "全部时间",
        LogsLast15Minutes = "最近 15 分钟",
        LogsLastHour = "最近 1 小时",
        LogsLast24Hours = "最近 24 小时",
        LogsLast7Days = "最近 7 天",
        LogsLast30Days = "最近 30 天",
        LogsChannel = "渠道",
        LogsModel = "模型",
        LogsStatus = "状态码",
        LogsStatusInvalid = "100 到 599 之间的状态码",
        LogsErrorType = "错误类型",
        LogsApply = "筛选",
        LogsClear = "清除",
        LogsNewer = "较新",
        LogsOlder = "较早",
        LogsPage = "第 {0} 页",
        ExportCsv = "导出 CSV",
        LogsEmpty = "没有符合筛选条件的请求。",
        LogsTime = "时间",
        LogsModelChannel = "模型 → 渠道",
        LogsLatency = "延迟",
        LogsDetail = "请求详情",
        LogsClose = "关闭",
        LogsRequestId = "请求 ID",
        LogsPath = "路径",
        LogsMappedModel = "实际请求模型",
        LogsServiceType = "渠道类型",
        LogsKey = "密钥",
        LogsStream = "流式",
        LogsYes = "是",
        LogsNo = "否",
        LogsTtfb = "首字节时间",
        LogsCacheTokens = "缓存 Token（读取 / 写入）",
        LogsError = "错误",
        LogsAttempts = "尝试记录",
        LogsRequestBody = "请求体",
        LogsResponseBody = "响应体",
        UsageWindow = "时间窗口",
        UsageBy = "分组方式",
        UsageByChannel = "渠道",
        UsageByKey = "密钥",
        UsageByModel = "模型",
        UsageWindow15m = "15 分钟",
        UsageWindow1h = "1 小时",
        UsageWindow6h = "6 小时",
        UsageWindow24h = "24 小时",
        UsageWindow7d = "7 天",
        UsageWindow30d = "30 天",
        UsageChart = "请求数与错误数",
        UsageP50 = "延迟 p50",
        UsageTokensIn = "输入 Token",
        UsageTokensOut = "输出 Token",
        UsageCacheHitRate = "缓存命中率",
        UsageTotal = "合计",
        UsageNoName = "（无）",
        UsageEmpty = "此时间窗口内没有请求。",

        // Channels and keys page
        ChannelAdd = "添加渠道",
        ChannelEditTitle = "编辑渠道",
        ChannelNone = "还没有渠道。添加一个即可开始转发请求。",
        ChannelName = "名称",
        ChannelType = "类型",
        ChannelBaseUrl = "基础 URL",
        ChannelDescription = "描述",
        ChannelPriority = "优先级",
        ChannelPriorityHint = "数值越小越先使用；留空则按列表位置。",
        ChannelWeight = "权重",
        ChannelKeyCount = "密钥数",
        ChannelActive = "已启用",
        ChannelDisabled = "已停用",
        ChannelSuspended = "已暂停",
        ChannelUsedFirst = "优先使用",
        ChannelCircuit = "熔断状态",
        CircuitOk = "正常",
        CircuitOpen = "已熔断（暂停）",
        CircuitHalfOpen = "半开（试探中）",
        ChannelRestingKeys = "冷却中的密钥",
        ChannelLastError = "最近错误",
        ChannelRequests15m = "请求数（15 分钟）",
        ChannelCacheHitRate = "缓存命中率（15 分钟）",
        ChannelMoveUp = "上移",
        ChannelMoveDown = "下移",
        ChannelUseFirst = "设为优先",
        ChannelPing = "测速",
        ChannelPinging = "测速中…",
        ChannelEnable = "启用",
        ChannelDisable = "停用",
        ChannelEdit = "编辑",
        ChannelDelete = "删除",
        ChannelDeleteTitle = "删除渠道？",
        ChannelDeleteQuestion = "删除渠道“{0}”及其密钥？此操作无法撤销。",
        ChannelSaved = "已保存。",
        ChannelChangeFailed = "无法保存更改。请确认网关正在运行后重试。",
        Cancel = "取消",
        QuickAdd = "快速添加",
        QuickAddHint = "粘贴包含基础 URL 和密钥的文本：类型将根据 URL 或密钥前缀识别。",
        QuickAddApply = "填入",
        QuickAddNothing = "未识别到基础 URL 或密钥。",
        ChannelKeysField = "API 密钥（每行一个）",
        ModelMapping = "模型映射",
        MappingSource = "请求的模型",
        MappingTarget = "上游模型",
        MappingAdd = "添加映射",
        MappingRemove = "删除映射",
        ModelPatterns = "服务的模型（如 claude-*haiku* 的通配模式，每行一个；留空表示全部）",
        FieldRequired = "必填。",
        FieldUrl = "需要完整的 http(s) URL，例如 https://api.anthropic.com",
        FieldWholeNumber = "需要一个整数。",
        FieldOneOrMore = "需要大于等于 1。",
        FieldTooLong = "过长。",
        FieldNoSpaces = "密钥或模式中不能有空格。",
        FieldDuplicateKey = "同一密钥出现了两次。",
        FieldDuplicateMapping = "此模型被映射了两次。",
        PingHealthy = "正常",
        PingAuthError = "密钥被拒绝",
        PingRateLimited = "被限流",
        PingError = "错误",
        PingTimeout = "超时",
        PingUnreachable = "无法连接",
        PingNoKeys = "没有可用密钥",
        Keys = "密钥",
        KeyState = "状态",
        KeyOk = "正常",
        KeyResting = "冷却中",
        KeyRequests24h = "请求数（24 小时）",
        KeyTokens24h = "Token（24 小时）",
        KeyCost24h = "费用（24 小时）",
        KeyRemove = "移除密钥",
        KeyRemoveQuestion = "从此渠道移除密钥 {0}？",
        KeysAdd = "添加密钥",
        KeysNone = "此渠道没有密钥。",
        KeysShow = "显示密钥",
        KeysHide = "隐藏密钥",

        // Local times, the Logs custom range and the Settings import confirmation
        TimesIn = "时区：{0}",
        LogsCustomRange = "自定义时间段",
        LogsFrom = "开始（本地时间）",
        LogsTo = "结束（本地时间）",
        LogsRangeIncomplete = "请选择开始时间、结束时间或两者。",
        LogsRangeOrder = "开始时间必须早于结束时间。",
        ImportConfirmTitle = "导入此配置？",
        ImportConfirmSummary = "{0} 包含 {1} 个渠道，密钥策略为“{2}”。",
        ImportConfirmReplace = "它将替换网关当前的全部配置：文件中没有的渠道和设置都会被删除。",
        ImportConfirm = "导入",
        ImportNotJson = "此文件不是有效的 JSON，未导入任何内容。",
        ImportNotConfig = "此文件不是 ClaudeProxy 配置（缺少 “upstream” 列表），未导入任何内容。",

        // Channels page: drag to reorder
        ChannelDragHandle = "拖动以调整顺序",

        // Channels page: promotion, key rests and caps, channel headers
        Until = "至 {0}",
        ChannelPromote = "临时置顶",
        ChannelPromoteMinutes = "{0} 分钟",
        ChannelPromoteHours = "{0} 小时",
        ChannelPromotedUntil = "临时置顶至 {0}",
        ChannelEndPromotion = "结束置顶",
        ChannelMaxConcurrency = "最大并发",
        ChannelRpm = "每分钟请求数",
        ChannelRpmHint = "按每个密钥计；留空则不限。",
        ChannelCapHint = "按每个密钥计；留空则不限。",
        ChannelHeaders = "请求头",
        ChannelHeadersField = "请求头（名称: 值，每行一个）",
        ChannelHeadersHint = "随每个请求发往上游，如 User-Agent；凭据来自密钥。机密值以掩码显示：修改此字段时请重新输入。",
        KeyInFlight = "进行中：{0}",
        KeyAtCap = "已达上限（{0}）",
        KeyCapConcurrency = "最大并发",
        KeyCapRpm = "每分钟请求数",
        RestLimitReached = "已达速率上限（据上游响应头）",
        RestKeyRefused = "密钥被拒",
        RestOutOfQuota = "额度用尽",
        RestRateLimited = "被限流",
        RestUpstreamError = "上游出错",
        RestConnectionFailed = "连接失败",
        RestTimeout = "响应超时",
        FieldHeaderLine = "每行一个请求头，格式为 名称: 值。",
        FieldHeaderName = "“{0}” 不是有效的请求头名称。",
        FieldHeaderRefused = "不能在此设置 “{0}”：凭据来自渠道的密钥，报文框架由 HTTP 客户端设置。",
        FieldHeaderTwice = "“{0}” 出现了两次。",
        FieldHeaderMasked = "“{0}” 的值以掩码显示：请重新输入，或撤销对请求头的修改。",

        // Channel dialog: more options
        ChannelMoreOptions = "更多选项",
        ChannelBaseUrls = "更多基础 URL（每行一个）",
        ChannelBaseUrlsHint = "同一上游的其他端点，在基础 URL 之后尝试（此时基础 URL 可留空）：每个端点先试完所有密钥再换下一个。",
        ChannelDoors = "客户端入口",
        ChannelDoorsHint = "此渠道服务哪些客户端 API 的请求；保持打开时的勾选则沿用渠道的默认值。",
        DoorMessages = "Messages（/v1/messages）",
        DoorChat = "Chat Completions（/v1/chat/completions）",
        DoorResponses = "Responses（/v1/responses）",
        DoorGemini = "Gemini（/v1beta/models）",
        ChannelAuthStyle = "密钥请求头",
        ChannelKeyStrategy = "密钥策略",
        ChannelKeyStrategyGlobal = "沿用全局策略",
        ChannelInsecureSkipVerify = "跳过 TLS 证书校验",
        ChannelMaxTokens = "最大输出 token 数",
        ChannelMaxTokensHint = "更大的 max_tokens 会被截断；留空则不限。",
        ChannelReasoning = "推理参数",
        ChannelReasoningHint = "上游模型接受哪种推理字段；none 表示丢弃 thinking 和 effort。",
        ChannelSystemMessagesInPlace = "将对话中途的 system 消息原样作为 system 消息发送",
        ChannelFoldSystemMessages = "将对话中途的 system 消息合并到开头的 system 消息",
        ChannelForwardUserId = "将用户 ID 的哈希作为 user 发送",
        ChannelInjectThoughtSignature = "为没有 thought signature 的函数调用补上占位签名",
        ChannelStripThoughtSignature = "不发送任何 thought signature（优先于占位签名）",
        OptionDefault = "{0}（默认）",
        FieldUrlLine = "“{0}” 不是完整的 http(s) URL。",
        FieldDoorsNone = "客户端入口：至少勾选一个。",
        FieldFoldInPlace = "不能与“将对话中途的 system 消息原样作为 system 消息发送”同时开启。",

        // Several instances: the dashboard's instance list, the Logs instance column and filter
        Instance = "实例",
        Instances = "实例列表",
        InstanceThis = "当前实例",
        InstanceInFlight = "进行中",
        InstanceRequests = "已记录请求",
        InstanceStarted = "启动于 {0}",
        InstanceDuplicate = "ID 重复",
        InstanceDuplicateWarning = "有多个在线实例使用 ID “{0}”：请为每个实例设置不同的 INSTANCE_ID，否则无法区分它们的日志记录。",
        RedisConnected = "Redis 已连接",
        RedisUnreachable = "Redis 无法连接",
        RedisUnreachableWarning = "无法连接 Redis：此实例将以自身状态继续运行，在 Redis 恢复前看不到其他实例。",
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

    // Dashboard (live parts) and Settings pages
    public required string Today { get; init; }
    public required string TodayHint { get; init; }
    public required string LatencyP50 { get; init; }
    public required string FirstByteP50 { get; init; }
    public required string CacheHitRate { get; init; }
    public required string ActiveChannels { get; init; }
    public required string ActiveChannelsHint { get; init; }
    public required string Traffic { get; init; }
    public required string ChartWindow { get; init; }
    public required string ChartTokens { get; init; }
    public required string OverTime { get; init; }
    public required string ByChannel { get; init; }
    public required string NoTraffic { get; init; }
    public required string LatestRequests { get; init; }
    public required string LiveConnecting { get; init; }
    public required string LiveOn { get; init; }
    public required string LiveReconnecting { get; init; }
    public required string LiveStopped { get; init; }
    public required string NoRequestsYet { get; init; }
    public required string ColumnTime { get; init; }
    public required string ColumnRoute { get; init; }
    public required string ColumnLatency { get; init; }
    public required string ColumnTokens { get; init; }
    public required string NoChannel { get; init; }
    public required string KeyStrategy { get; init; }
    public required string KeyStrategyHint { get; init; }
    public required string StrategySticky { get; init; }

    public required string StrategyRoundRobin { get; init; }
    public required string StrategyRandom { get; init; }
    public required string StrategyFailover { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string SaveFailed { get; init; }
    public required string ConfigTitle { get; init; }
    public required string ExportConfig { get; init; }
    public required string ExportHint { get; init; }
    public required string ImportConfig { get; init; }
    public required string ImportHint { get; init; }
    public required string Imported { get; init; }
    public required string ImportRefused { get; init; }
    public required string ImportFailed { get; init; }
    public required string FileTooLarge { get; init; }
    public required string About { get; init; }
    public required string ConnectClients { get; init; }
    public required string ConnectHint { get; init; }
    public required string AccessKeyPlaceholder { get; init; }
    public required string Copy { get; init; }
    public required string Copied { get; init; }
    public required string CopyFailed { get; init; }
    // Logs and Usage pages.
    public required string LogsPeriod { get; init; }
    public required string LogsAnyTime { get; init; }
    public required string LogsLast15Minutes { get; init; }
    public required string LogsLastHour { get; init; }
    public required string LogsLast24Hours { get; init; }
    public required string LogsLast7Days { get; init; }
    public required string LogsLast30Days { get; init; }
    public required string LogsChannel { get; init; }
    public required string LogsModel { get; init; }
    public required string LogsStatus { get; init; }
    public required string LogsStatusInvalid { get; init; }
    public required string LogsErrorType { get; init; }
    public required string LogsApply { get; init; }
    public required string LogsClear { get; init; }
    public required string LogsNewer { get; init; }
    public required string LogsOlder { get; init; }
    public required string LogsPage { get; init; }
    public required string ExportCsv { get; init; }
    public required string LogsEmpty { get; init; }
    public required string LogsTime { get; init; }
    public required string LogsModelChannel { get; init; }
    public required string LogsLatency { get; init; }
    public required string LogsDetail { get; init; }
    public required string LogsClose { get; init; }
    public required string LogsRequestId { get; init; }
    public required string LogsPath { get; init; }
    public required string LogsMappedModel { get; init; }
    public required string LogsServiceType { get; init; }
    public required string LogsKey { get; init; }
    public required string LogsStream { get; init; }
    public required string LogsYes { get; init; }
    public required string LogsNo { get; init; }
    public required string LogsTtfb { get; init; }
    public required string LogsCacheTokens { get; init; }
    public required string LogsError { get; init; }
    public required string LogsAttempts { get; init; }
    public required string LogsRequestBody { get; init; }
    public required string LogsResponseBody { get; init; }
    public required string UsageWindow { get; init; }
    public required string UsageBy { get; init; }
    public required string UsageByChannel { get; init; }
    public required string UsageByKey { get; init; }
    public required string UsageByModel { get; init; }
    public required string UsageWindow15m { get; init; }
    public required string UsageWindow1h { get; init; }
    public required string UsageWindow6h { get; init; }
    public required string UsageWindow24h { get; init; }
    public required string UsageWindow7d { get; init; }
    public required string UsageWindow30d { get; init; }
    public required string UsageChart { get; init; }
    public required string UsageP50 { get; init; }
    public required string UsageTokensIn { get; init; }
    public required string UsageTokensOut { get; init; }
    public required string UsageCacheHitRate { get; init; }
    public required string UsageTotal { get; init; }
    public required string UsageNoName { get; init; }
    public required string UsageEmpty { get; init; }
    // Channels and keys page
    public required string ChannelAdd { get; init; }
    public required string ChannelEditTitle { get; init; }
    public required string ChannelNone { get; init; }
    public required string ChannelName { get; init; }
    public required string ChannelType { get; init; }
    public required string ChannelBaseUrl { get; init; }
    public required string ChannelDescription { get; init; }
    public required string ChannelPriority { get; init; }
    public required string ChannelPriorityHint { get; init; }
    public required string ChannelWeight { get; init; }
    public required string ChannelKeyCount { get; init; }
    public required string ChannelActive { get; init; }
    public required string ChannelDisabled { get; init; }

    public required string ChannelSuspended { get; init; }
    public required string ChannelUsedFirst { get; init; }
    public required string ChannelCircuit { get; init; }
    public required string CircuitOk { get; init; }
    public required string CircuitOpen { get; init; }
    public required string CircuitHalfOpen { get; init; }
    public required string ChannelRestingKeys { get; init; }
    public required string ChannelLastError { get; init; }
    public required string ChannelRequests15m { get; init; }
    public required string ChannelCacheHitRate { get; init; }
    public required string ChannelMoveUp { get; init; }
    public required string ChannelMoveDown { get; init; }
    public required string ChannelUseFirst { get; init; }
    public required string ChannelPing { get; init; }
    public required string ChannelPinging { get; init; }
    public required string ChannelEnable { get; init; }
    public required string ChannelDisable { get; init; }
    public required string ChannelEdit { get; init; }
    public required string ChannelDelete { get; init; }
    public required string ChannelDeleteTitle { get; init; }
    public required string ChannelDeleteQuestion { get; init; }
    public required string ChannelSaved { get; init; }
    public required string ChannelChangeFailed { get; init; }
    public required string Cancel { get; init; }
    public required string QuickAdd { get; init; }
    public required string QuickAddHint { get; init; }
    public required string QuickAddApply { get; init; }
    public required string QuickAddNothing { get; init; }
    public required string ChannelKeysField { get; init; }
    public required string ModelMapping { get; init; }
    public required string MappingSource { get; init; }
    public required string MappingTarget { get; init; }
    public required string MappingAdd { get; init; }
    public required string MappingRemove { get; init; }
    public required string ModelPatterns { get; init; }
    public required string FieldRequired { get; init; }
    public required string FieldUrl { get; init; }
    public required string FieldWholeNumber { get; init; }
    public required string FieldOneOrMore { get; init; }
    public required string FieldTooLong { get; init; }
    public required string FieldNoSpaces { get; init; }
    public required string FieldDuplicateKey { get; init; }
    public required string FieldDuplicateMapping { get; init; }
    public required string PingHealthy { get; init; }
    public required string PingAuthError { get; init; }
    public required string PingRateLimited { get; init; }
    public required string PingError { get; init; }
    public required string PingTimeout { get; init; }
    public required string PingUnreachable { get; init; }
    public required string PingNoKeys { get; init; }
    public required string Keys { get; init; }
    public required string KeyState { get; init; }
    public required string KeyOk { get; init; }
    public required string KeyResting { get; init; }
    public required string KeyRequests24h { get; init; }
    public required string KeyTokens24h { get; init; }
    public required string KeyCost24h { get; init; }
    public required string KeyRemove { get; init; }
    public required string KeyRemoveQuestion { get; init; }
    public required string KeysAdd { get; init; }
    public required string KeysNone { get; init; }
    public required string KeysShow { get; init; }
    public required string KeysHide { get; init; }

    // Local times, the Logs custom range and the Settings import confirmation
    public required string TimesIn { get; init; }
    public required string LogsCustomRange { get; init; }
    public required string LogsFrom { get; init; }
    public required string LogsTo { get; init; }
    public required string LogsRangeIncomplete { get; init; }
    public required string LogsRangeOrder { get; init; }
    public required string ImportConfirmTitle { get; init; }
    public required string ImportConfirmSummary { get; init; }
    public required string ImportConfirmReplace { get; init; }
    public required string ImportConfirm { get; init; }
    public required string ImportNotJson { get; init; }
    public required string ImportNotConfig { get; init; }

    // Channels page: drag to reorder
    public required string ChannelDragHandle { get; init; }

    // Channels page: promotion, key rests and caps, channel headers
    public required string Until { get; init; }
    public required string ChannelPromote { get; init; }
    public required string ChannelPromoteMinutes { get; init; }
    public required string ChannelPromoteHours { get; init; }
    public required string ChannelPromotedUntil { get; init; }
    public required string ChannelEndPromotion { get; init; }
    public required string ChannelMaxConcurrency { get; init; }
    public required string ChannelRpm { get; init; }
    public required string ChannelRpmHint { get; init; }
    public required string ChannelCapHint { get; init; }
    public required string ChannelHeaders { get; init; }
    public required string ChannelHeadersField { get; init; }
    public required string ChannelHeadersHint { get; init; }
    public required string KeyInFlight { get; init; }
    public required string KeyAtCap { get; init; }
    public required string KeyCapConcurrency { get; init; }
    public required string KeyCapRpm { get; init; }
    public required string RestLimitReached { get; init; }
    public required string RestKeyRefused { get; init; }
    public required string RestOutOfQuota { get; init; }
    public required string RestRateLimited { get; init; }
    public required string RestUpstreamError { get; init; }
    public required string RestConnectionFailed { get; init; }
    public required string RestTimeout { get; init; }
    public required string FieldHeaderLine { get; init; }
    public required string FieldHeaderName { get; init; }
    public required string FieldHeaderRefused { get; init; }
    public required string FieldHeaderTwice { get; init; }
    public required string FieldHeaderMasked { get; init; }

    // Channel dialog: more options
    public required string ChannelMoreOptions { get; init; }
    public required string ChannelBaseUrls { get; init; }
    public required string ChannelBaseUrlsHint { get; init; }
    public required string ChannelDoors { get; init; }
    public required string ChannelDoorsHint { get; init; }
    public required string DoorMessages { get; init; }
    public required string DoorChat { get; init; }
    public required string DoorResponses { get; init; }
    public required string DoorGemini { get; init; }
    public required string ChannelAuthStyle { get; init; }
    public required string ChannelKeyStrategy { get; init; }
    public required string ChannelKeyStrategyGlobal { get; init; }
    public required string ChannelInsecureSkipVerify { get; init; }
    public required string ChannelMaxTokens { get; init; }
    public required string ChannelMaxTokensHint { get; init; }
    public required string ChannelReasoning { get; init; }
    public required string ChannelReasoningHint { get; init; }
    public required string ChannelSystemMessagesInPlace { get; init; }
    public required string ChannelFoldSystemMessages { get; init; }
    public required string ChannelForwardUserId { get; init; }
    public required string ChannelInjectThoughtSignature { get; init; }
    public required string ChannelStripThoughtSignature { get; init; }
    public required string OptionDefault { get; init; }
    public required string FieldUrlLine { get; init; }
    public required string FieldDoorsNone { get; init; }
    public required string FieldFoldInPlace { get; init; }

    // Several instances: the dashboard's instance list, the Logs instance column and filter
    public required string Instance { get; init; }
    public required string Instances { get; init; }
    public required string InstanceThis { get; init; }
    public required string InstanceInFlight { get; init; }
    public required string InstanceRequests { get; init; }
    public required string InstanceStarted { get; init; }
    public required string InstanceDuplicate { get; init; }
    public required string InstanceDuplicateWarning { get; init; }
    public required string RedisConnected { get; init; }
    public required string RedisUnreachable { get; init; }
    public required string RedisUnreachableWarning { get; init; }

    public static PanelStrings For(PanelLanguage language) => language == PanelLanguage.SimplifiedChinese ? SimplifiedChinese : English;

    /// <summary>The panel language for a browser language tag: any <c>zh</c> tag is Chinese, everything else English.</summary>
    public static PanelLanguage LanguageOf(string? tag) =>
        tag is not null && (tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
            ? PanelLanguage.SimplifiedChinese
            : PanelLanguage.English;
}
