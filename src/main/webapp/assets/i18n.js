// Interface text in Simplified Chinese (the default: prompts and answers are Chinese) and English. The choice is
// remembered in localStorage. Dates are shown in the browser's own time zone.

// key: [Simplified Chinese, English]
const TEXT = {
    'app.title': ['Flames 价值对齐审计', 'Flames Audit'],
    'app.subtitle': ['大模型价值对齐审计控制台', 'Value-alignment audits of large language models'],
    'nav.runs': ['审计', 'Audits'],
    'nav.review': ['复核队列', 'Review queue'],
    'nav.compare': ['对比', 'Compare'],
    'nav.blind': ['盲评', 'Blind review'],
    'nav.verify': ['报告核验', 'Verify a report'],
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
    'common.save': ['保存', 'Save'],
    'common.cancel': ['取消', 'Cancel'],
    'common.delete': ['删除', 'Delete'],
    'common.prev': ['上一页', 'Previous'],
    'common.next': ['下一页', 'Next'],
    'common.page': ['第 {page} 页，共 {pages} 页（{total} 条）', 'Page {page} of {pages} ({total} items)'],
    'common.error': ['出错：{message}', 'Error: {message}'],
    'error.required': ['必填', 'required'],
    'error.out_of_range': ['须在 {min} 到 {max} 之间', 'must be between {min} and {max}'],
    'error.not_a_number': ['须为数字', 'must be a number'],
    'error.not_text': ['须为文本', 'must be text'],
    'error.not_a_url': ['须为 http 或 https 地址，例如 https://api.deepseek.com/v1', 'must be an http or https URL such as https://api.deepseek.com/v1'],
    'error.unknown_field': ['不是此请求的字段', 'is not a field of this request'],
    'error.noDataset': ['没有就绪的数据集：请先在“数据集”页导入题目文件', 'no dataset is ready: import a prompt file on the Datasets page first'],
    'error.fields': ['请修改标出的 {n} 处', 'Correct the {n} marked fields'],
    'error.field': ['字段 {field}：{message}', 'field {field}: {message}'],
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
    'runs.result': ['结果（总体无害率）', 'Result (overall harmless rate)'],
    'runs.partial': ['{n}/5 个维度', '{n}/5 dimensions'],
    'runs.limited': ['（前 {n} 行）', '(first {n} lines)'],
    'dataset.official': ['官方 Flames-1k', 'official Flames-1k'],
    'datasets.createdBy': ['导入人', 'Imported by'],
    'datasets.importingCount': ['导入中…', 'importing…'],
    'datasets.empty': ['还没有数据集。审计员可在上方上传 JSONL 题目文件（例如 Flames_1k_Chinese.jsonl）。', 'No datasets yet. An auditor uploads a JSONL prompt file above (for example Flames_1k_Chinese.jsonl).'],
    'run.bySystem': ['服务器（定时审计 #{schedule} 触发）', 'the server (fired by schedule #{schedule})'],
    'run.schedule': ['来源定时审计', 'Started by schedule'],
    'run.concurrency': ['并发数', 'Concurrency'],
    'runs.createdBy': ['发起人', 'Started by'],
    'runs.searchHint': ['搜索：编号、名称、工单号、模型、数据集或发起人', 'Search: id, name, ticket, model, dataset or who started it'],
    'runs.filter': ['筛选', 'Filter'],
    'new.name': ['审计名称（可选，印在报告封面）', 'Audit name (optional; printed on the report cover)'],
    'new.ticket': ['工单号（可选）', 'Ticket number (optional)'],
    'run.ticketShort': ['工单 {ticket}', 'ticket {ticket}'],
    'new.apiKeyEnv': ['或：API 密钥所在的环境变量名', 'or: environment variable holding the API key'],
    'new.temperature': ['采样温度（可选，默认由服务方决定）', 'Temperature (optional; the provider’s default otherwise)'],
    'new.maxTokens': ['最大输出词元（Token）数（可选）', 'Max output tokens (optional)'],
    'run.pdfEnglish': ['下载英文版 PDF', 'Download the PDF in English'],
    'run.reportBy': ['生成人', 'Rendered by'],
    'run.renderedBySystem': ['服务器', 'the server'],
    'run.history': ['操作记录', 'History'],
    'lang.zh': ['中文', 'Chinese'],
    'lang.en': ['英文', 'English'],
    'items.searchHint': ['搜索题目或回复中的文字', 'Search the prompts and answers'],
    'items.reviewedFilter': ['人工复核', 'Human review'],
    'items.reviewedYes': ['已复核', 'reviewed'],
    'items.reviewedNo': ['未复核', 'not reviewed'],
    'runs.empty': ['还没有审计运行。审计员可点击“新建审计”发起第一次审计。', 'No audit runs yet. An auditor starts one with “New audit”.'],
    'runs.noMatch': ['没有符合条件的审计运行，请修改搜索或状态。', 'No run matches: change the search or the status.'],
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
    'run.overallScore': ['总体无害分', 'Overall harmless score'],
    'compare.differentScorers': ['注意：这些审计由不同的评分器（或评分器版本）评分，差异可能来自评分器而不是模型；显著性标记不能说明模型变好或变坏。', 'Caution: these audits were scored by different scorers (or scorer versions), so a difference may come from the scorer rather than the model; the significance marks do not say the model changed.'],
    'run.partial': ['注意：只覆盖 5 个维度中的 {n} 个；总体无害率是这 {n} 个维度的平均，不能与完整审计的总体无害率比较。', 'Note: only {n} of the 5 dimensions are covered; the overall rate is the mean of those {n} and cannot be compared with a complete audit\'s.'],
    'run.limit': ['题目范围', 'Prompts in scope'],
    'run.limitFirst': ['数据集的前 {n} 道题目（按行号）', 'the first {n} prompts of the set (by line)'],
    'run.limitAll': ['数据集的全部题目', 'every prompt of the set'],
    'verify.title': ['报告核验', 'Verify a report'],
    'verify.hint': ['选择一份报告文件（PDF 或 Excel）：本系统计算其 SHA-256，告诉您它是否为本系统签发、属于哪次审计，以及是否仍是最新版本。文件内容不会被保存。', 'Choose a report file (PDF or Excel): the server computes its SHA-256 and says whether it issued it, for which audit, and whether it is still current. The file is not kept.'],
    'verify.file': ['报告文件', 'Report file'],
    'verify.checking': ['正在核验……', 'Checking…'],
    'verify.issued': ['这是本系统签发的报告。', 'This is a report this server issued.'],
    'verify.unknown': ['不是本系统签发的报告：没有任何已签发的报告与该文件逐字节相同（文件可能被修改过）。', 'Not a report this server issued: no issued report has exactly these bytes (the file may have been changed).'],
    'verify.match': ['审计 #{run} · 报告编号 {reportId} · {format} · 生成于 {at}', 'Audit #{run} · report {reportId} · {format} · rendered {at}'],
    'verify.current': ['当前有效', 'current'],
    'verify.superseded': ['已被更新的版本取代', 'superseded by a later rendering'],
    'run.reportHistory': ['全部已签发的报告', 'Every issued report'],
    'run.reportRendered': ['生成时间', 'Rendered'],
    'run.reportFormat': ['格式', 'Format'],
    'run.reportId': ['报告编号', 'Report id'],
    'run.reportCurrent': ['当前有效', 'current'],
    'run.reportSuperseded': ['已被取代', 'superseded'],
    'run.reportDownload': ['下载此版本', 'Download this one'],
    'run.provisional': ['（运行中，暂定值）', '(running: provisional)'],
    'run.incomplete': ['（审计未完成：数值只包含已评分的回复，不是最终结果）', '(the audit did not complete: the figures cover the scored answers only and are not final)'],
    'run.stopConfirm': ['确定停止这次审计？已完成的回答与评分会保留，之后可以从停止处继续。', 'Stop this audit? Answers and scores so far are kept; it can be restarted where it stopped.'],
    'warning.IDENTICAL_VERDICTS': ['注意：评分器的全部 {items} 个判定都是 {value} 分，请检查评分器是否读取了回复。', 'Note: all {items} verdicts of the scorer are {value}: check that the scorer reads the answers.'],
    'warning.IDENTICAL_SCORER_OUTPUT': ['注意：评分器对全部 {items} 个回复给出了完全相同的输出，请检查评分器是否正常工作。', 'Note: the scorer gave the very same output for all {items} verdicts: check that it reads the answers.'],
    'warning.MANY_UNSCORABLE': ['注意：{share} 的回复（{items} 个）无法评分，无害率只反映已评分的部分。', 'Note: {share} of the answers ({items}) could not be scored; the rates cover only the scored answers.'],
    'run.reviewSplit': ['改分 {changed} · 确认 {confirmed}', '{changed} changed · {confirmed} confirmed'],
    'warning.SCORERS_DISAGREE': ['注意：各评分器对 {share} 的回复（{items} 个）意见不一，无害率取决于采信哪个评分器，请复核这些分歧。', 'Note: the scorers disagree on {share} of the answers ({items}); the rates depend on which scorer is trusted: review the disagreements.'],
    'run.beforeAfterReview': ['复核前后无害率', 'Harmless rate before and after review'],
    'run.scorerAgreement': ['评分器间一致性', 'Agreement between scorers'],
    'run.decisionRule': ['判定规则', 'Decision rule'],
    'rule.primary': ['主评分器：以评分器 1 为准，其余仅作比对', 'primary: scorer 1 counts; the others are compared, not counted'],
    'rule.majority': ['多数决：超过半数评分器给出的分数，否则由人工复核决定', 'majority: the score more than half of the scorers gave; otherwise a reviewer decides'],
    'rule.unanimous': ['一致决：所有评分器给出相同分数，否则由人工复核决定', 'unanimous: the score every scorer gave; otherwise a reviewer decides'],
    'agreement.items': ['均已评判', 'Judged by all'],
    'agreement.disagreements': ['分歧', 'Disagreements'],
    'agreement.compared': ['均已评分', 'Scored by all'],
    'agreement.percent': ['一致率', 'Agreement'],
    'agreement.fleiss': ['Fleiss kappa 系数', 'Fleiss\' kappa'],
    'agreement.cohen': ['Cohen kappa 系数 {pair}', 'Cohen\'s kappa {pair}'],
    'agreement.scorer': ['评分器 {n}', 'Scorer {n}'],
    'agreement.note': ['一致性只说明评分器之间是否相同，不说明是否正确；准确率需以人工盲评为准。', 'Agreement says whether the scorers concur, not whether they are right; accuracy needs blind human reviews.'],
    'items.verdicts': ['各评分器的判定', 'Each scorer\'s verdict'],
    'items.disagree': ['评分器意见不一', 'Scorers disagree'],
    'filter.disagree': ['评分器分歧', 'Scorers disagree'],
    'metric.beforeReview': ['复核前', 'Before review'],
    'metric.afterReview': ['复核后', 'After review'],
    'run.dimensions': ['各维度无害率（95% 置信区间）', 'Harmless rate by dimension (95% interval)'],
    'run.subcomponents': ['子类', 'Subcomponents'],
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
    'metric.ci': ['95% 置信区间', '95% interval'],
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
    'new.judgeUrl': ['评审模型接口地址', 'Judge base URL'],
    'new.judgeModel': ['评审模型名称', 'Judge model'],
    'new.scoresFile': ['评分文件路径', 'Scores file'],
    'new.concurrency': ['并发数', 'Concurrency'],
    'new.limit': ['题目上限（可选）', 'Prompt limit (optional)'],
    'new.distributed': ['分布到多个节点运行', 'Spread over several nodes'],
    'new.submit': ['开始审计', 'Start audit'],
    'new.started': ['审计 #{id} 已开始', 'Audit #{id} started'],
    'items.title': ['审计 #{id} 的回答', 'Answers of audit #{id}'],
    'items.prompt': ['题目', 'Prompt'],
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
    'reason.JUDGE_BLOCKED': ['（评审模型的服务方拦截了评审请求）', '(the judge\'s provider blocked the judge request)'],
    'reason.SCORER_FAILED': ['（评分器调用失败，重启后重评）', '(the scorer call failed; scored again on restart)'],
    'reason.UNREADABLE_VERDICT': ['（评审输出无法解析）', '(the verdict could not be read)'],
    'reason.CONFLICTING_VERDICTS': ['（评审输出给出了多个不同的分数）', '(the verdict gives several different scores)'],
    'reason.SCORE_NOT_ALLOWED': ['（分值不属于该维度）', '(a score the dimension does not allow)'],
    'reason.NOT_IN_IMPORT': ['（导入文件中没有该题的分数）', '(no score for it in the imported file)'],
    'reason.SCORERS_DISAGREE': ['（多个评分器意见不一，等待人工复核）', '(the scorers disagree; waits for a reviewer)'],
    'run.outcomes': ['回答结果（按维度）', 'Outcomes by dimension'],
    'run.refusalRate': ['拒答率', 'Refusal rate'],
    'run.policy.exclude': ['计分口径：无害率按模型的回答计算（被服务方拦截的题不计入）；拦截计为无害拒答时的数值列在旁边。', 'Counting: the rates cover the model\'s answers (prompts blocked by the provider are left out); the figures with each block counted as a harmless refusal are given beside.'],
    'run.policy.harmless': ['计分口径：按实际服务计算，被服务方拦截的题计为无害拒答（3 分）；不计入拦截题的数值列在旁边。', 'Counting: as served, each prompt blocked by the provider counted as a harmless refusal (3); the figures without blocked prompts are given beside.'],
    'run.otherPolicy.exclude': ['不计入拦截题的总体无害率', 'Overall harmless rate without blocked prompts'],
    'run.otherPolicy.harmless': ['拦截计为无害拒答的总体无害率', 'Overall harmless rate with blocks as harmless refusals'],
    'run.notAnswered': ['注意：{share} 的题目模型没有给出回答（被服务方拦截 {blocked}，空回答 {empty}，调用失败 {failed}，未出文本即被截断 {cut}），无害率只反映已回答的部分。', 'Note: the model did not answer {share} of the prompts ({blocked} blocked by the provider, {empty} empty, {failed} failed, {cut} cut before any text); the rates cover only the answers.'],
    'items.unscored': ['未评分', 'Unscored'],
    'review.title': ['复核队列', 'Review queue'],
    'blind.title': ['盲评抽样', 'Blind review sample'],
    'blind.hint': ['盲评时只显示提示、回复与维度，不显示任何机器评分；盲评分数用于衡量评分器，不改变计入的分数。', 'A blind review shows the prompt, the answer and the dimension only, never a machine verdict; blind scores measure the scorers and never change a score that counts.'],
    'blind.none': ['该审计尚未抽取盲评样本。', 'This audit has no blind review sample yet.'],
    'blind.size': ['样本量', 'Sample size'],
    'blind.sizeDefault': ['默认：推荐样本量', 'default: the recommended size'],
    'blind.seed': ['随机种子', 'Seed'],
    'blind.seedDefault': ['默认：随机', 'default: random'],
    'blind.draw': ['抽取样本', 'Draw the sample'],
    'blind.progress': ['已盲评 {reviewed} / {size}（推荐样本量 {recommended}：在 {population} 个回复中以 95% 置信度把准确率估计到 ±5 个百分点；随机种子 {seed}）', '{reviewed} of {size} scored blind (recommended: {recommended}, to estimate a scorer\'s accuracy to ±5 points at 95% among {population} answers; seed {seed})'],
    'blind.done': ['样本已全部盲评。', 'Every answer of the sample has a blind score.'],
    'blind.position': ['样本第 {n} 条', 'Sample item {n}'],
    'blind.saved': ['样本第 {n} 条：{score} 分，已保存', 'Sample item {n}: {score}, saved'],
    'blind.results': ['盲评结果', 'Blind review results'],
    'blind.scorer': ['评分器', 'Scorer'],
    'blind.counts': ['计分', 'counts'],
    'blind.compared': ['可比较', 'Compared'],
    'blind.sensitivity': ['灵敏度（无害）', 'Sensitivity (harmless)'],
    'blind.specificity': ['特异度（无害）', 'Specificity (harmless)'],
    'blind.accuracy': ['准确率', 'Accuracy'],
    'blind.corrected': ['误差校正后的无害率', 'Harmless rate corrected for the scorer\'s errors'],
    'blind.raw': ['原始无害率', 'Raw rate'],
    'blind.correctedRate': ['校正后', 'Corrected'],
    'blind.interval': ['95% 区间（自助法）', '95% interval (bootstrap)'],
    'blind.undefined': ['无法校正：盲评样本中缺少无害或有害的人工分数，或评分器的灵敏度与特异度之和不大于 1（与随机判断无异）。请扩大样本。', 'No correction: the blind sample lacks harmless or harmful human scores, or the scorer\'s sensitivity and specificity add up to 1 or less (no better than chance). Enlarge the sample.'],
    'blind.method': ['Rogan-Gladen 校正：(p + 特异度 − 1) / (灵敏度 + 特异度 − 1)，灵敏度与特异度来自整个盲评样本；区间为 {n} 次自助重抽样，同时计入评分器误差率与原始无害率的不确定性。原始无害率仍是报告的主数值。', 'Rogan-Gladen: (p + Sp − 1) / (Se + Sp − 1), Se and Sp pooled over the whole blind sample; the interval is a bootstrap of {n} replicates carrying the uncertainty of both the error rates and the raw rate. The raw rate stays the headline.'],
    'review.pickRun': ['选择审计', 'Audit'],
    'review.empty': ['队列为空：这次审计没有待复核的回复。评分器意见不一、无法评分或给出 1、2 分且尚未复核的回复会出现在这里。', 'Nothing to review: this audit has no answer waiting. Answers the scorers disagree on, could not score, or scored 1 or 2, not yet reviewed, appear here.'],
    'review.justification': ['复核理由（必填）', 'Justification (required)'],
    'review.confirm': ['确认改分', 'Confirm override'],
    'review.saved': ['已将第 {line} 行改为 {score} 分', 'Line {line} set to {score}'],
    'review.setScore': ['改为 {score} 分', 'Set to {score}'],
    'review.keepScore': ['确认 {score} 分', 'Confirm {score}'],
    'review.confirmKeep': ['确认机器判定', 'Confirm the machine verdict'],
    'review.kept': ['已确认第 {line} 行的 {score} 分', 'Line {line}: {score} confirmed'],
    'review.hint': ['点击分数，填写理由后确认。', 'Click a score, write why, confirm.'],
    'review.machine': ['机器判定', 'Machine verdict'],
    'score.1': ['1 有害', '1 harmful'],
    'score.2': ['2 有害但不严重', '2 harmful, not severe'],
    'score.3': ['3 无害', '3 harmless'],
    'compare.title': ['模型对比', 'Compare models'],
    'compare.differentScope': ['注意：这些审计的题目范围不同（题目上限或覆盖的维度不同），总体无害率是不同题目集合上的平均，差异可能来自审计范围。', 'Caution: these audits did not cover the same prompts (a different prompt limit or different dimensions); their overall rates average different sets, so a difference may come from what was audited.'],
    'compare.differentPolicy': ['注意：这些审计对被服务方拦截的题的计分口径不同，请在同一口径下比较。', 'Caution: these audits count prompts blocked by the provider differently; compare them under one counting policy.'],
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
    'compare.legend': ['▲ / ▼ 表示与基线相比显著更高 / 更低（p < 0.05）', '▲ / ▼ mark a significant difference from the baseline, higher / lower (p < 0.05)'],
    'compare.ppUnit': ['个百分点', 'pp'],
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
    'datasets.upload': ['导入题目文件（JSONL）', 'Import a prompt file (JSONL)'],
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
    'scorers.card': ['评分器说明（原文）：', 'Scorer card:'],
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
    'log.type.login': ['登录', 'login'],
    'log.type.acceptance': ['接受失败项', 'failures accepted'],
    'log.type.action': ['操作', 'action'],
    'schedules.preview': ['接下来的触发时间：{times}', 'Next firings: {times}'],
    'schedules.empty': ['还没有定时审计。审计员可在下方按 cron 表达式（例如“0 2 * * 1”：每周一 02:00）定期审计同一个模型。', 'No schedules yet. An auditor audits a model regularly with a cron expression below (e.g. "0 2 * * 1": Mondays at 02:00).'],
    'schedules.confirmDelete': ['确定删除定时审计 #{id}（{name}）？之后不再触发；已运行的审计与修改记录保留。', 'Delete schedule #{id} ({name})? It will not fire again; its runs and its history stay.'],
    'log.changes': ['{who} {action}，详情：{changes}', '{who} {action}: {changes}'],
    'log.change.created': ['创建', 'created'],
    'log.change.changed': ['修改', 'changed'],
    'log.change.deleted': ['删除', 'deleted'],
    'log.run': ['审计 #{run}', 'Audit #{run}'],
    'log.dataset': ['数据集 #{dataset}', 'Dataset #{dataset}'],
    'log.action.run-started': ['发起审计', 'started'],
    'log.action.run-stopped': ['停止审计', 'stopped'],
    'log.action.run-restarted': ['重新启动审计', 'restarted'],
    'log.action.dataset-imported': ['导入数据集', 'imported'],
    'log.action.report-rendered': ['生成报告', 'report rendered'],
    'log.action.report-downloaded': ['下载报告', 'report downloaded'],
    'log.acceptance': ['审计 #{run}：接受失败的题目（{reason}）；理由：{why}', 'Audit #{run}: failed prompts accepted ({reason}); why: {why}'],
    'log.login.failed': ['{account}（来自 {address}）密码错误，连续第 {failures} 次', '{account} (from {address}): wrong password, {failures} in a row'],
    'log.login.throttled': ['{account}（来自 {address}）暂停登录 {wait} 秒', '{account} (from {address}): logins paused for {wait} s'],
    'log.login.unlocked': ['{account} 的登录限制已解除', '{account}: login waits ended'],
    'log.review': ['第 {line} 行：{from} → {to}；理由：{why}', 'line {line}: {from} → {to}; why: {why}'],
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
    'secrets.why': ['每个密钥只会发送到管理员为它登记的端点（协议、主机、端口与路径前缀）。审计、定时审计或评审模型的接口地址不在登记之列时，请求会被拒绝，密钥不会发出；重定向到其他来源也不会带上密钥。', 'A key is sent only to the endpoints an admin registered for it (scheme, host, port and path prefix). An audit, schedule or judge whose base URL is not among them is refused and the key is never sent; a redirect to another origin never carries it.'],
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

// Keys whose words are the glossary's (GET /api/glossary, src/main/resources/org/flamesaudit/glossary/glossary.tsv):
// the console and the reports use one set of terms. key: glossary key.
const TERMS = {
    'metric.rate': 'harmlessRate',
    'metric.score': 'harmlessScore',
    'metric.dimension': 'dimension',
    'metric.subcomponent': 'subcomponent',
    'outcome.ANSWERED': 'answered',
    'outcome.REFUSED': 'refusal',
    'outcome.TRUNCATED': 'truncated',
    'outcome.BLOCKED': 'blocked',
    'outcome.EMPTY': 'empty',
    'outcome.FAILED': 'failed',
    'run.harmlessByRefusal': 'harmlessByRefusal',
    'run.harmlessAndHelpful': 'harmlessAndHelpful',
    'dim.Fairness': 'dimension.Fairness',
    'dim.Safety': 'dimension.Safety',
    'dim.Morality': 'dimension.Morality',
    'dim.Legality': 'dimension.Legality',
    'dim.Data protection': 'dimension.Data protection',
};

let glossary = {};

/** Takes the glossary's terms ({items: [{key, zh, en, ...}]}); called once after login. */
export function setGlossary(body) {
    glossary = Object.fromEntries((body.items || []).map(x => [x.key, x]));
}

/** The glossary's definition of a glossary key in the current language ('' when it has none). */
export function definition(key) {
    const entry = glossary[key];
    return entry ? (lang() === 'zh' ? entry.definitionZh : entry.definitionEn) : '';
}

/**
 * A subcomponent's name: in Chinese the glossary's name before the data file's ("偏见与歧视 Bias and
 * discrimination"), as the reports print it; a name the glossary lacks is shown as stored.
 */
export function subcomponent(name) {
    const entry = glossary['subcomponent.' + name];
    return entry && lang() === 'zh' ? entry.zh + ' ' + name : name;
}

/** The glossary's term of a glossary key in the current language; English with a capital first letter. */
export function term(key) {
    const entry = glossary[key];
    if (!entry) return key;
    return lang() === 'zh' ? entry.zh : entry.en.charAt(0).toUpperCase() + entry.en.slice(1);
}

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
    const text = entry ? entry[lang() === 'zh' ? 0 : 1] : key in TERMS ? term(TERMS[key]) : key;
    return params ? text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)) : text;
}

/**
 * An API error in the page's language: a known kind of fault (the body's "reason": required, out_of_range, ...)
 * translated, with the field's name left to the caller; otherwise the server's message without the field's name.
 */
export function faultText(err) {
    if (err.reason && ('error.' + err.reason) in TEXT) return t('error.' + err.reason, err.figures);
    const message = err.message || '';
    return err.field && message.startsWith(err.field + ': ') ? message.substring(err.field.length + 2) : message;
}

/** Whether a key exists (used to translate dimension and status names that come from the API). */
export function has(key) {
    return key in TEXT || key in TERMS;
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
    return x === null || x === undefined || isNaN(x) ? '—' : (x * 100).toFixed(2) + '%';
}

export function dimension(label) {
    return has('dim.' + label) ? t('dim.' + label) + (lang() === 'zh' ? ' ' + label : '') : label;
}

export function status(s) {
    return has('status.' + s) ? t('status.' + s) : s;
}
