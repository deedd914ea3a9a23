// Interface text in Simplified Chinese (the default: prompts and answers are Chinese) and English. The choice is
// remembered in localStorage. Dates are shown in the browser's own time zone.

// key: [Simplified Chinese, English]
const TEXT = {
    'app.title': ['Flames 价值对齐审计', 'Flames Audit'],
    'app.subtitle': ['大模型价值对齐审计控制台', 'Value-alignment audits of large language models'],
    'nav.runs': ['审计', 'Audits'],
    'nav.review': ['复核队列', 'Review queue'],
    'nav.compare': ['对比', 'Compare'],
    'nav.datasets': ['数据集', 'Datasets'],
    'nav.schedules': ['定时审计', 'Schedules'],
    'nav.scorers': ['评分器', 'Scorers'],
    'nav.auditLog': ['审计日志', 'Audit log'],
    'nav.users': ['账户', 'Accounts'],
    'nav.secrets': ['密钥', 'Secrets'],
    'login.title': ['登录', 'Log in'],
    'login.username': ['用户名', 'User name'],
    'login.password': ['密码', 'Password'],
    'login.submit': ['登录', 'Log in'],
    'login.failed': ['用户名或密码错误', 'Wrong user name or password'],
    'login.throttled': ['该账户从本地址的错误密码过多，请 {seconds} 秒后再试，或请管理员解锁', 'Too many wrong passwords for this account from your address: try again in {seconds} s, or ask an admin to unlock it'],
    'logout': ['退出', 'Log out'],
    'lang.switch': ['English', '中文'],
    'role.auditor': ['审计员', 'auditor'],
    'role.reviewer': ['复核员', 'reviewer'],
    'role.regulator': ['监管方', 'regulator'],
    'role.admin': ['管理员', 'admin'],
    'common.loading': ['加载中…', 'Loading…'],
    'common.none': ['暂无', 'None'],
    'common.save': ['保存', 'Save'],
    'common.cancel': ['取消', 'Cancel'],
    'common.delete': ['删除', 'Delete'],
    'common.prev': ['上一页', 'Previous'],
    'common.next': ['下一页', 'Next'],
    'common.page': ['第 {page} 页，共 {pages} 页（{total} 条）', 'Page {page} of {pages} ({total} items)'],
    'common.error': ['出错：{message}', 'Error: {message}'],
    'common.yes': ['是', 'yes'],
    'common.no': ['否', 'no'],
    'common.refresh': ['刷新', 'Refresh'],
    'common.id': ['编号', 'Id'],
    'common.created': ['创建时间', 'Created'],
    'common.status': ['状态', 'Status'],
    'common.all': ['全部', 'All'],
    'status.QUEUED': ['排队中', 'Queued'],
    'status.RUNNING': ['运行中', 'Running'],
    'status.COMPLETED': ['已完成', 'Completed'],
    'status.COMPLETED_WITH_FAILURES': ['已完成但失败过多', 'Completed with too many failures'],
    'status.FAILED': ['失败', 'Failed'],
    'status.STOPPED': ['已停止', 'Stopped'],
    'status.READY': ['就绪', 'Ready'],
    'status.IMPORTING': ['导入中', 'Importing'],
    'status.PENDING': ['等待中', 'Pending'],
    'status.SCORED': ['已评分', 'Scored'],
    'status.UNSCORABLE': ['无法评分', 'Unscorable'],
    'common.total': ['共 {n} 条', '{n} in all'],
    'runs.title': ['审计运行', 'Audit runs'],
    'runs.new': ['新建审计', 'New audit'],
    'runs.target': ['被测模型', 'Model under test'],
    'runs.scorer': ['评分器', 'Scorer'],
    'runs.dataset': ['数据集', 'Dataset'],
    'runs.progress': ['进度', 'Progress'],
    'runs.total': ['题目数', 'Prompts'],
    'runs.open': ['查看', 'Open'],
    'run.title': ['审计 #{id}', 'Audit #{id}'],
    'run.generated': ['已生成', 'Generated'],
    'run.scored': ['已评分', 'Scored'],
    'run.unscorable': ['无法评分', 'Unscorable'],
    'run.failed': ['失败', 'Failed'],
    'run.rate': ['速率', 'Rate'],
    'run.eta': ['预计剩余', 'ETA'],
    'run.perSecond': ['{n} 条/秒', '{n}/s'],
    'run.stop': ['停止', 'Stop'],
    'run.restart': ['重新启动', 'Restart'],
    'run.acceptFailures': ['接受失败项', 'Accept the failures'],
    'run.acceptPrompt': ['失败的提示将不再重试，运行视为完成。请写明理由（将记录在案）：', 'The failed prompts will not be asked again and the run counts as complete. Say why (it is recorded):'],
    'run.items': ['全部回答', 'All answers'],
    'run.review': ['复核队列', 'Review queue'],
    'run.overallRate': ['总体无害率', 'Overall harmless rate'],
    'run.overallScore': ['总体无害得分', 'Overall harmless score'],
    'run.provisional': ['（运行中，暂定值）', '(running: provisional)'],
    'run.dimensions': ['各维度无害率（95% 置信区间）', 'Harmless rate by dimension (95% interval)'],
    'run.subcomponents': ['子类别', 'Subcomponents'],
    'run.scorerCard': ['评分器说明', 'Scorer card'],
    'run.downloads': ['报告下载', 'Reports'],
    'run.pdf': ['下载 PDF 报告', 'Download PDF report'],
    'run.xlsx': ['下载 Excel 报告', 'Download Excel report'],
    'run.error': ['错误', 'Error'],
    'run.node': ['节点', 'Node'],
    'run.started': ['开始时间', 'Started'],
    'run.finished': ['结束时间', 'Finished'],
    'run.reviewed': ['已复核', 'Reviewed'],
    'run.official': ['官方评分器', 'Official scorer'],
    'run.agreement': ['一致性', 'Agreement'],
    'run.downloaded': ['已下载 {name}', 'Downloaded {name}'],
    'metric.n': ['样本数', 'n'],
    'metric.rate': ['无害率', 'Harmless rate'],
    'metric.ci': ['95% 置信区间', '95% interval'],
    'metric.score': ['无害得分', 'Harmless score'],
    'metric.dimension': ['维度', 'Dimension'],
    'metric.subcomponent': ['子类别', 'Subcomponent'],
    'dim.Fairness': ['公平', 'Fairness'],
    'dim.Safety': ['安全', 'Safety'],
    'dim.Morality': ['道德', 'Morality'],
    'dim.Legality': ['合法', 'Legality'],
    'dim.Data protection': ['数据保护', 'Data protection'],
    'new.title': ['新建审计', 'New audit'],
    'new.connector': ['连接器', 'Connector'],
    'new.baseUrl': ['接口地址', 'Base URL'],
    'new.model': ['模型名称', 'Model'],
    'new.apiKeyAlias': ['API 密钥别名（凭据库）', 'API key alias (credential store)'],
    'new.stream': ['流式调用（stream: true，仅支持流式的模型需要）', 'Stream (stream: true; stream-only models need it)'],
    'new.blockedPolicy': ['被服务方拦截的题', 'Prompts blocked by the provider'],
    'new.blockedPolicy.exclude': ['不计入无害率（仍单独计数）', 'left out of the rates (counted beside)'],
    'new.blockedPolicy.harmless': ['计为无害拒答（3 分）作为主指标', 'headline: counted as harmless refusals (3)'],
    'new.file': ['回答文件路径（导入目录内）', 'Answer file (inside the import directories)'],
    'new.scorerType': ['评分方式', 'Scorer'],
    'new.judgeUrl': ['评判模型接口地址', 'Judge base URL'],
    'new.judgeModel': ['评判模型名称', 'Judge model'],
    'new.scoresFile': ['评分文件路径', 'Scores file'],
    'new.concurrency': ['并发数', 'Concurrency'],
    'new.limit': ['题目上限（可选）', 'Prompt limit (optional)'],
    'new.distributed': ['分布到多个节点运行', 'Spread over several nodes'],
    'new.submit': ['开始审计', 'Start audit'],
    'new.started': ['审计 #{id} 已开始', 'Audit #{id} started'],
    'items.title': ['审计 #{id} 的回答', 'Answers of audit #{id}'],
    'items.prompt': ['提示词', 'Prompt'],
    'items.answer': ['回答', 'Answer'],
    'items.rationale': ['评分理由', 'Rationale'],
    'items.score': ['得分', 'Score'],
    'items.machineScore': ['机器评分', 'Machine score'],
    'items.reviewedBy': ['复核人', 'Reviewed by'],
    'items.history': ['复核记录', 'Review history'],
    'items.noHistory': ['无复核记录', 'No reviews'],
    'items.line': ['第 {line} 行', 'Line {line}'],
    'items.error': ['调用失败', 'Call failed'],
    'items.filter': ['筛选', 'Filter'],
    'items.scoreFilter': ['得分/状态', 'Score/status'],
    'items.outcomeFilter': ['回答结果', 'Outcome'],
    'items.block': ['服务方拦截信号', 'Provider block signal'],
    'items.reasoning': ['推理过程（不参与评分）', 'Reasoning (never scored)'],
    'outcome.ANSWERED': ['已回答', 'answered'],
    'outcome.REFUSED': ['明确拒答', 'refused'],
    'outcome.TRUNCATED': ['被截断', 'truncated'],
    'outcome.BLOCKED': ['被服务方拦截', 'blocked by the provider'],
    'outcome.EMPTY': ['空回答', 'empty'],
    'outcome.FAILED': ['调用失败', 'failed'],
    'reason.JUDGE_BLOCKED': ['（评审模型的服务方拦截了评审请求）', '(the judge\'s provider blocked the judge request)'],
    'reason.SCORER_FAILED': ['（评分器调用失败，重启后重评）', '(the scorer call failed; scored again on restart)'],
    'reason.UNREADABLE_VERDICT': ['（评审输出无法解析）', '(the verdict could not be read)'],
    'reason.CONFLICTING_VERDICTS': ['（评审输出给出了多个不同的分数）', '(the verdict gives several different scores)'],
    'reason.SCORE_NOT_ALLOWED': ['（分值不属于该维度）', '(a score the dimension does not allow)'],
    'reason.NOT_IN_IMPORT': ['（导入文件中没有该题的分数）', '(no score for it in the imported file)'],
    'run.outcomes': ['回答结果（按维度）', 'Outcomes by dimension'],
    'run.harmlessByRefusal': ['无害（拒答）', 'Harmless by refusal'],
    'run.harmlessAndHelpful': ['无害且有帮助', 'Harmless and helpful'],
    'run.refusalRate': ['拒答率', 'Refusal rate'],
    'run.policy.exclude': ['计分口径：无害率按模型的回答计算（被服务方拦截的题不计入）；拦截计为无害拒答时的数值列在旁边。', 'Counting: the rates cover the model\'s answers (prompts blocked by the provider are left out); the figures with each block counted as a harmless refusal are given beside.'],
    'run.policy.harmless': ['计分口径：按实际服务计算，被服务方拦截的题计为无害拒答（3 分）；不计入拦截题的数值列在旁边。', 'Counting: as served, each prompt blocked by the provider counted as a harmless refusal (3); the figures without blocked prompts are given beside.'],
    'run.otherPolicy.exclude': ['不计入拦截题的总体无害率', 'Overall harmless rate without blocked prompts'],
    'run.otherPolicy.harmless': ['拦截计为无害拒答的总体无害率', 'Overall harmless rate with blocks as harmless refusals'],
    'run.notAnswered': ['注意：{share} 的题目模型没有给出回答（被服务方拦截 {blocked}，空回答 {empty}，调用失败 {failed}，未出文本即被截断 {cut}），无害率只反映已回答的部分。', 'Note: the model did not answer {share} of the prompts ({blocked} blocked by the provider, {empty} empty, {failed} failed, {cut} cut before any text); the rates cover only the answers.'],
    'items.unscored': ['未评分', 'Unscored'],
    'review.title': ['复核队列', 'Review queue'],
    'review.pickRun': ['选择审计', 'Audit'],
    'review.empty': ['队列为空', 'Nothing to review'],
    'review.justification': ['复核理由（必填）', 'Justification (required)'],
    'review.confirm': ['确认改分', 'Confirm override'],
    'review.saved': ['已将第 {line} 行改为 {score} 分', 'Line {line} set to {score}'],
    'review.setScore': ['改为 {score} 分', 'Set to {score}'],
    'review.hint': ['点击分数，填写理由后确认。', 'Click a score, write why, confirm.'],
    'review.machine': ['机器判定', 'Machine verdict'],
    'score.1': ['1 有害', '1 harmful'],
    'score.2': ['2 部分有害', '2 partly harmful'],
    'score.3': ['3 无害', '3 harmless'],
    'compare.title': ['模型对比', 'Compare models'],
    'compare.pick': ['选择同一数据集上的已完成审计（第一个为基线）', 'Pick completed audits on one dataset (the first is the baseline)'],
    'compare.go': ['对比', 'Compare'],
    'compare.baseline': ['基线', 'baseline'],
    'compare.diff': ['与基线差异', 'Difference to baseline'],
    'compare.p': ['p 值', 'p-value'],
    'compare.significant': ['显著', 'significant'],
    'compare.notSignificant': ['不显著', 'not significant'],
    'compare.trend': ['定时审计趋势', 'Trend of a schedule'],
    'compare.pickSchedule': ['选择定时审计', 'Schedule'],
    'compare.needTwo': ['至少需要两个已完成的审计', 'At least two completed audits are needed'],
    'compare.overall': ['总体', 'Overall'],
    'compare.pdf': ['下载对比 PDF', 'Download comparison PDF'],
    'compare.legend': ['★ 表示 p < 0.05', '★ marks p < 0.05'],
    'datasets.title': ['数据集', 'Datasets'],
    'datasets.name': ['名称', 'Name'],
    'datasets.version': ['版本', 'Version'],
    'datasets.prompts': ['题目数', 'Prompts'],
    'datasets.rejected': ['被拒行', 'Rejected lines'],
    'datasets.duplicates': ['重复提示（保留）', 'Repeated prompts (kept)'],
    'datasets.duplicatesDropped': ['重复提示（已剔除，见被拒行）', 'Repeated prompts (dropped, see the rejected lines)'],
    'datasets.repeated': ['重复提示', 'Repeated prompts'],
    'datasets.repeatedKeep': ['保留（逐条评测）', 'Keep (each is audited)'],
    'datasets.repeatedDrop': ['剔除（只评测首次出现）', 'Drop (only the first is audited)'],
    'datasets.rejectedMore': ['此处列出前 {shown} 行，共 {n} 行被拒；其余请用 API 分页读取：{path}', 'The first {shown} of {n} rejected lines; page through the rest with the API: {path}'],
    'datasets.upload': ['导入提示词文件（JSONL）', 'Import a prompt file (JSONL)'],
    'datasets.file': ['文件', 'File'],
    'datasets.submit': ['导入', 'Import'],
    'datasets.importing': ['导入中：数据集 #{id}', 'Importing: dataset #{id}'],
    'datasets.existing': ['相同内容已导入为数据集 #{id}', 'The same content is already dataset #{id}'],
    'datasets.tooLarge': ['文件有 {mb} MB，网页上传上限为 10 MB；更大的文件请放入导入目录，通过 API 按路径导入。', 'The file has {mb} MB; uploads are limited to 10 MB. Import larger files by path through the API.'],
    'datasets.line': ['行号', 'Line'],
    'datasets.reason': ['原因', 'Reason'],
    'datasets.byDimension': ['各维度题目数', 'Prompts by dimension'],
    'datasets.source': ['来源', 'Source'],
    'schedules.title': ['定时审计', 'Schedules'],
    'schedules.name': ['名称', 'Name'],
    'schedules.cron': ['Cron 表达式', 'Cron'],
    'schedules.zone': ['时区', 'Time zone'],
    'schedules.enabled': ['启用', 'Enabled'],
    'schedules.next': ['下次运行', 'Next run'],
    'schedules.new': ['新建定时审计', 'New schedule'],
    'schedules.enable': ['启用', 'Enable'],
    'schedules.disable': ['停用', 'Disable'],
    'schedules.runs': ['历次运行', 'Runs'],
    'schedules.created': ['已创建定时审计 #{id}', 'Schedule #{id} created'],
    'scorers.title': ['评分器', 'Scorers'],
    'scorers.official': ['官方', 'official'],
    'scorers.default': ['默认', 'default'],
    'scorers.heads': ['训练的评分头', 'Trained heads'],
    'log.title': ['审计日志', 'Audit log'],
    'log.type': ['类型', 'Type'],
    'log.user': ['操作人', 'By'],
    'log.at': ['时间', 'When'],
    'log.what': ['内容', 'What'],
    'log.type.score-review': ['改分', 'score review'],
    'log.type.schedule': ['定时审计', 'schedule'],
    'log.type.user': ['账户', 'account'],
    'log.type.key': ['API 密钥', 'API key'],
    'log.review': ['审计 #{run} 第 {prompt} 题：{from} → {to}；理由：{why}', 'Audit #{run} prompt {prompt}: {from} → {to}; why: {why}'],
    'users.title': ['账户', 'Accounts'],
    'users.username': ['用户名', 'User name'],
    'users.roles': ['角色', 'Roles'],
    'users.enabled': ['启用', 'Enabled'],
    'users.password': ['新密码（至少 12 个字符）', 'New password (12 characters or more)'],
    'users.save': ['保存账户', 'Save account'],
    'users.saved': ['已保存账户 {name}', 'Account {name} saved'],
    'secrets.title': ['API 密钥', 'API keys'],
    'secrets.alias': ['别名', 'Alias'],
    'secrets.value': ['密钥值', 'Value'],
    'secrets.save': ['保存密钥', 'Save key'],
    'secrets.why': ['每个密钥只会发送到管理员为它登记的端点（协议、主机、端口与路径前缀）。审计、定时审计或评审模型的 base URL 不在登记之列时，请求会被拒绝，密钥不会发出；重定向到其他来源也不会带上密钥。', 'A key is sent only to the endpoints an admin registered for it (scheme, host, port and path prefix). An audit, schedule or judge whose base URL is not among them is refused and the key is never sent; a redirect to another origin never carries it.'],
    'secrets.endpoints': ['允许的端点', 'Allowed endpoints'],
    'secrets.noEndpoints': ['未登记端点：不会发送', 'no endpoint registered: sent nowhere'],
    'secrets.keySetAt': ['密钥设置时间', 'Key set at'],
    'secrets.updatedBy': ['最后修改人', 'Last changed by'],
    'secrets.variables': ['环境变量中的密钥', 'Keys in environment variables'],
    'secrets.variablesNote': ['审计只能引用服务器允许的环境变量（{allowed}）；服务器自身的配置变量（凭据库口令、数据库与消息代理凭据）永远不会作为密钥发送。', 'Audits may name only the environment variables the server allows ({allowed}); the server\'s own settings (credential store password, database and broker credentials) are never sent as a key.'],
    'secrets.variable': ['变量名', 'Variable'],
    'secrets.variableSet': ['服务器已设置', 'Set on the server'],
    'secrets.setTitle': ['设置或轮换密钥', 'Set or rotate a key'],
    'secrets.endpointsInput': ['允许的端点（每行一个 URL，首次设置时必填）', 'Allowed endpoints (one URL per line; required the first time)'],
    'secrets.endpointsOnly': ['允许的端点（每行一个 URL，替换原有端点）', 'Allowed endpoints (one URL per line; they replace the registered ones)'],
    'secrets.endpointsTitle': ['修改密钥的允许端点', 'Change the endpoints of a key'],
    'secrets.kind': ['密钥来源', 'Key held in'],
    'secrets.kind.alias': ['凭据库（别名）', 'credential store (alias)'],
    'secrets.kind.env': ['环境变量', 'environment variable'],
    'secrets.name': ['别名或变量名', 'Alias or variable name'],
    'secrets.saveEndpoints': ['保存端点', 'Save endpoints'],
    'secrets.refused': ['将被拒绝的审计与定时审计', 'Audits and schedules that will be refused'],
    'secrets.refusedNote': ['以下已保存的审计或定时审计会把密钥发送到未登记的端点，因此不能启动或重启；请登记该端点，或让审计员改用已登记的端点。', 'These stored audits or schedules would send a key to an endpoint not registered for it, so they cannot start or restart: register the endpoint, or have an auditor point them at a registered one.'],
    'secrets.refusedWhat': ['对象', 'What'],
    'secrets.refusedField': ['字段', 'Field'],
    'secrets.refusedWhy': ['原因', 'Why'],
    'secrets.schedule': ['定时审计 #{id}', 'Schedule #{id}'],
    'secrets.run': ['审计 #{id}', 'Audit #{id}'],
    'secrets.saved': ['已保存 {alias}', '{alias} saved'],
    'tz': ['时区：{zone}', 'Time zone: {zone}'],
};

/** The item outcomes, as the API names them (README, Item outcomes). */
export const OUTCOMES = ['ANSWERED', 'REFUSED', 'TRUNCATED', 'BLOCKED', 'EMPTY', 'FAILED'];

/** The five Flames dimensions, in the benchmark's order, as the API names them. */
export const DIMENSIONS = ['Fairness', 'Safety', 'Morality', 'Legality', 'Data protection'];

const LANG_KEY = 'flames.lang';

export function lang() {
    const stored = localStorage.getItem(LANG_KEY);
    return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function setLang(value) {
    localStorage.setItem(LANG_KEY, value);
    document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
}

/** The text of a key in the current language, with {name} placeholders filled in (as text). */
export function t(key, params) {
    const entry = TEXT[key];
    const text = entry ? entry[lang() === 'zh' ? 0 : 1] : key;
    return params ? text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)) : text;
}

/** Whether a key exists (used to translate dimension and status names that come from the API). */
export function has(key) {
    return key in TEXT;
}

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function timeZone() {
    return zone;
}

/** An ISO instant from the API as "2026-11-29 23:18:42 GMT+8", in the user's time zone and language. */
export function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    const parts = {};
    new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        hourCycle: 'h23', timeZone: zone, timeZoneName: 'short'
    }).formatToParts(d).forEach(p => { parts[p.type] = p.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second
        + ' ' + parts.timeZoneName;
}

export function percent(x) {
    return x === null || x === undefined || isNaN(x) ? '—' : (x * 100).toFixed(1) + '%';
}

export function dimension(label) {
    return has('dim.' + label) ? t('dim.' + label) + (lang() === 'zh' ? ' ' + label : '') : label;
}

export function status(s) {
    return has('status.' + s) ? t('status.' + s) : s;
}
