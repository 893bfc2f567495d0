// A seeded generator of realistic archives for benchmarks (and anyone who needs a big
// archive): batches, reports with 300–800-character bodies, achievements with metrics,
// photos with six-element captions, hierarchical tags, places of Changji prefecture.
// The text is assembled from the domain's vocabulary (DOMAIN.md and the seed article),
// so term frequencies look like the real thing: a few words everywhere (援疆, 工作队),
// most words in a few percent of the records, names and projects rarer still.
import type { ArchiveRecord, BatchRecord, Tag, Settings, Metric } from '../src/shared/domain'
import { CHANGJI_PLACES, defaultSettings } from '../src/shared/domain'

export interface GeneratedArchive {
  settings: Settings
  tags: Tag[]
  /** Batches first, then the other records (each batch-linked through batchId). */
  records: ArchiveRecord[]
}

export interface GenerateOptions {
  /** Total number of records, batches included. */
  records: number
  seed?: number
  /** Number of batches (default 5, never more than records). */
  batches?: number
}

/** mulberry32: small, fast, good enough for test data, same sequence everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- vocabulary -------------------------------------------------------------------

export const PROVINCES = ['山西']
const NUM_CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

export const AREAS: { id: string; name: string; words: string[]; projects: string[] }[] = [
  {
    id: 'industry',
    name: '产业援疆',
    words: ['煤化工', '焦化', '干熄焦', '煤层气', '新材料', '有色金属', '精深加工', '节能降碳', '产业链', '招商引资', '园区', '技术服务', '钻井效率', '勘探', '生产运维', '高分子材料', '铜生产', '精细化工', '产能', '碳排放'],
    projects: ['永鑫焦化干熄焦项目', '煤层气开发技术服务', '煤基精细化工BDO生产线', '先进高分子材料产业园', '有色金属精深加工基地', '科技援疆小组团示范点', '光伏发电示范项目', '现代农业产业园', '特色林果加工厂', '纺织服装产业园'],
  },
  {
    id: 'livelihood',
    name: '民生保障',
    words: ['老人', '照料', '养老', '孤寡老人', '爱心餐', '基础设施', '水电暖', '燃气', '改造提升', '安居', '就业', '社区', '幸福感', '获得感', '失能老人', '高龄老人', '住房', '饮水', '道路', '供暖'],
    projects: ['沙尼汗小院改造提升', '老旧小区改造', '安居富民工程', '农村饮水安全工程', '社区养老服务中心', '爱心餐食堂', '就业帮扶车间', '乡村道路硬化', '冬季供暖改造', '幸福院建设'],
  },
  {
    id: 'education',
    name: '教育援疆',
    words: ['学校', '教师', '学生', '高考', '本科上线率', '示范课', '集体备课', '云端教研', '结对帮扶', '管理团队', '学科骨干', '友好学校', '课堂', '教学质量', '办学质量', '研学', '校长', '教研', '双语', '职业教育'],
    projects: ['昌吉州第二中学组团式帮扶', '晋阜小学教育资源共享', '友好学校结对帮扶', '云端资源共享平台', '骨干教师轮训计划', '职业院校专业共建', '青少年研学活动', '名师工作室', '智慧教室建设', '校园足球推广'],
  },
  {
    id: 'medical',
    name: '医疗援疆',
    words: ['医生', '义诊', '门诊', '手术', '新技术', '耳鼻喉科', '教学查房', '临床示教', '专题讲座', '听力筛查', '鼓室成形术', '医护人员', '急危重症', '专科服务', '健康咨询', '人民医院', '科室', '诊疗', '远程会诊', '体检'],
    projects: ['沙尼汗小院健康守护行动', '耳鼻喉科技术帮扶', '远程会诊中心', '组团式医疗援疆', '县级医院能力提升', '义诊进社区', '听力筛查项目', '胸痛中心建设', '妇幼健康服务', '急诊急救培训'],
  },
  {
    id: 'culture',
    name: '文化润疆',
    words: ['演出', '文艺', '展厅', '文创', '非遗', '民族管弦乐', '文化交流', '文化品牌', '剧目', '文物', '民俗', '晋剧', '书法', '文艺轻骑兵', '文化服务', '广场', '丝竹', '鼓点', '打卡地', '文化阵地'],
    projects: ['汾水连天山文化品牌', '晋阜民间文化交流展厅', '文艺轻骑兵演出', '山西印象民族管弦乐', '点单式文化服务', '非遗展览展示', '晋剧进校园', '书法交流展', '文化惠民工程', '精品剧目展演'],
  },
  {
    id: 'talent',
    name: '人才援疆',
    words: ['人才', '培训', '干部', '骨干', '引才', '育才', '专家', '传帮带', '挂职', '培训班', '领军人才', '本土人才', '技术团队', '柔性引才', '师带徒', '实训', '讲座', '研修', '考察', '交流'],
    projects: ['中青年文艺领军人才培训班', '本土人才培养计划', '干部挂职锻炼', '专家服务团', '柔性引才计划', '师带徒结对', '基层干部培训', '专业技术人才研修', '乡村振兴带头人培训', '医疗骨干进修'],
  },
  {
    id: 'exchange',
    name: '交往交流交融',
    words: ['民族团结', '交往交流交融', '青少年', '夏令营', '研学', '石榴籽', '一家亲', '联谊', '结亲', '手拉手', '同唱一首歌', '文体活动', '民歌', '民族歌舞', '友谊', '互访', '共同体意识', '团结', '融情', '心连心'],
    projects: ['汾水连天山研学活动', '石榴籽一家亲融情夏令营', '晋昌一家亲联谊活动', '民族团结一家亲结对认亲', '青少年手拉手活动', '同唱一首歌群众文体活动', '两地青少年互访', '民族团结进步示范创建', '书法特长生研学', '各族群众联欢会'],
  },
]

export const ORGS = ['山西援疆前方指挥部', '山西省援疆办', '昌吉州人民政府', '阜康市人民医院', '昌吉州第二中学', '晋阜小学', '山西蓝焰控股', '山西潞安化工集团', '新疆国泰新华化工有限责任公司', '忻州市第一中学', '昌吉州文化体育广播电视和旅游局', '吉木萨尔县人民医院', '奇台县教育局', '玛纳斯县委组织部', '准东经济技术开发区管委会']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晓雨', '向茹', '建华', '志强', '海燕', '文博', '子豪', '雅琴', '国庆', '红梅', '晋生', '天山', '新民', '卫东', '丽萍', '春燕', '永红', '建国', '振华', '玉兰', '慧敏', '俊杰', '思远', '宇航', '晨曦', '立新', '学文', '凤英']
const UYGHUR_NAMES = ['沙尼汗·艾塔木', '阿依古丽·买买提', '艾力·吐尔逊', '古丽娜尔·阿不都', '买买提·艾则孜', '热依拉·吾斯曼', '努尔兰·哈力克', '巴合提·努尔', '再努尔·艾山', '阿迪力·热合曼']
const ROLES = ['援疆医生', '援疆教师', '工作队队长', '工作队副队长', '援疆干部', '技术专家', '校长', '科主任', '护士长', '村党支部书记', '社区主任', '企业负责人', '学生代表', '演员', '志愿者']
const PHOTOGRAPHERS = ['山西援疆前方指挥部', '昌吉日报社', '阜康市融媒体中心', '工作队宣传组', '山西日报', '天山网']
const SUBPLACES = ['亚心广场', '人民医院', '第二中学', '晋阜小学', '社区服务中心', '工业园区', '文化交流展厅', '村委会', '体育馆', '会议中心', '职业技术学院', '养老院', '煤层气合作区块', '焦化厂']

const OPENERS = [
  '三年来，第{batch}批{prov}援疆工作队坚持以铸牢中华民族共同体意识为主线，立足{prov}所能、对接新疆所需，统筹推进{area}工作。',
  '{date}，{org}在{place}组织开展{project}，{person}等参加。',
  '为贯彻落实对口援疆工作部署，{org}围绕{word}和{word2}，精准对接{place}实际需求。',
  '近日，{project}在{place}顺利推进，{word}工作取得阶段性成效。',
  '按照前方指挥部年度计划，工作队聚焦{word}，把{area}作为重点任务抓实抓细。',
]
const MIDDLES = [
  '在{prov}援疆专家的技术指导下，{place}{word}持续壮大，{word2}水平明显提升。',
  '工作队统筹援疆资金{money}万元，对{word}进行全面改造提升，群众的获得感、幸福感、安全感不断增强。',
  '{person}（{role}）介绍，项目实施以来，{metricLabel}由{before}{unit}提升至{value}{unit}。',
  '通过示范带动、结对帮扶和云端共享等方式，推动{word}从分散支援向系统集成转变。',
  '{org}与{org2}签订合作协议，围绕{word}、{word2}开展常态化交流。',
  '活动期间，{person}带领团队深入{place}{subplace}，开展{word}和{word2}，受到各族群众好评。',
  '针对{word}中存在的难题，工作队组建跨专业技术团队常驻一线，开展从勘探到运维的全链条服务。',
  '{place}{subplace}为{count}多位群众提供{word}服务，还增设{word2}，把温暖送到群众心间。',
  '为老人提供贴心照料，是{place}民生保障工作的重要内容，{project}让这份温情延续下去。',
  '项目年{metricLabel}{value}{unit}，{word}成效显著，成为可复制推广的{area}范例。',
  '{date}，{project}正式亮相，日均接待群众上百人，成为当地{word}的重要窗口。',
  '援疆干部人才辞别故土、奔赴边疆，带着三晋大地的赤诚与热忱，在{place}扎根奉献。',
  '坚持输血与造血并重、引才与育才并举，聚焦{place}人才需求，培养留得住、带不走的本土人才队伍。',
  '两地{word}在相伴同行中拉近距离、增进信任，让民族团结的种子在心中生根发芽。',
]
const CLOSERS = [
  '下一步，工作队将继续推动{word}提质增效，为{place}高质量发展注入持久动力。',
  '太行连天山，晋昌一家亲，{area}工作将在{place}持续深化。',
  '各项工作取得丰硕成果，为昌吉州经济社会高质量发展作出积极贡献。',
  '相关情况已报送前方指挥部，并在简报第{issue}期刊发。',
]
const METRICS: { label: string; unit: string; lo: number; hi: number }[] = [
  { label: '日产气量', unit: '万立方米', lo: 2, hi: 8 },
  { label: '年发电量', unit: '亿千瓦时', lo: 0.5, hi: 3 },
  { label: '碳减排', unit: '万吨/年', lo: 1, hi: 12 },
  { label: '600分以上人数', unit: '人', lo: 5, hi: 60 },
  { label: '本科上线率', unit: '%', lo: 40, hi: 95 },
  { label: '门诊接诊', unit: '人次', lo: 300, hi: 5000 },
  { label: '开展新技术', unit: '项', lo: 1, hi: 12 },
  { label: '培训人数', unit: '人', lo: 20, hi: 800 },
  { label: '援疆资金', unit: '万元', lo: 50, hi: 3000 },
  { label: '受益群众', unit: '人', lo: 100, hi: 20000 },
  { label: '钻井效率提高', unit: '%', lo: 5, hi: 40 },
  { label: '展陈文创', unit: '件', lo: 100, hi: 5000 },
]

export const TAG_PATHS = [
  '产业/煤化工', '产业/新材料', '产业/能源', '产业/农业', '产业/招商引资',
  '民生/养老', '民生/安居', '民生/就业', '民生/基础设施',
  '教育/结对帮扶', '教育/高考', '教育/研学', '教育/师资培训',
  '医疗/义诊', '医疗/新技术', '医疗/人才培养',
  '文化/汾水连天山', '文化/演出', '文化/非遗', '文化/展厅',
  '人才/培训', '人才/挂职', '交融/民族团结', '交融/青少年',
  '宣传/简报', '宣传/报道', '重点项目', '示范点', '领导调研', '年度总结',
]

const AREA_TAGS: Record<string, string[]> = {
  industry: ['产业/煤化工', '产业/新材料', '产业/能源', '产业/农业', '产业/招商引资', '重点项目', '示范点'],
  livelihood: ['民生/养老', '民生/安居', '民生/就业', '民生/基础设施', '重点项目'],
  education: ['教育/结对帮扶', '教育/高考', '教育/研学', '教育/师资培训', '示范点'],
  medical: ['医疗/义诊', '医疗/新技术', '医疗/人才培养'],
  culture: ['文化/汾水连天山', '文化/演出', '文化/非遗', '文化/展厅'],
  talent: ['人才/培训', '人才/挂职', '医疗/人才培养'],
  exchange: ['交融/民族团结', '交融/青少年', '文化/汾水连天山'],
}

// ---- the generator ------------------------------------------------------------------

export function generateArchive(opts: GenerateOptions): GeneratedArchive {
  const rand = rng(opts.seed ?? 20240623)
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
  const total = Math.max(1, opts.records)
  const nBatches = Math.min(total, opts.batches ?? 5)
  const created = '2025-01-01T00:00:00.000Z'

  const tags: Tag[] = TAG_PATHS.map((path, i) => ({ id: `tag-g${i}`, path, color: '', createdAt: created }))
  const tagId = new Map(tags.map((t) => [t.path, t.id]))

  const person = () => (rand() < 0.08 ? pick(UYGHUR_NAMES) : pick(SURNAMES) + pick(GIVEN))

  const batches: BatchRecord[] = []
  for (let i = 0; i < nBatches; i++) {
    const number = i + 1
    const start = 2010 + i * 3
    batches.push({
      id: `batch-g${number}`,
      kind: 'batch',
      title: `第${NUM_CN[i] ?? number}批山西援疆工作队`,
      number,
      startDate: `${start}-02`,
      endDate: `${start + 3}-01`,
      counterpart: '昌吉回族自治州',
      leader: person(),
      tags: [],
      sample: true,
      notes: `第${NUM_CN[i] ?? number}批山西援疆工作队对口支援昌吉州，共派出干部人才${int(80, 300)}名。`,
      createdAt: created,
      updatedAt: created,
      createdBy: 'bench',
      updatedBy: 'bench',
    })
  }

  const records: ArchiveRecord[] = [...batches]
  let issue = 1
  for (let n = 0; records.length < total; n++) {
    const b = batches[Math.min(batches.length - 1, Math.floor(rand() * batches.length))]!
    const area = pick(AREAS)
    const place = pick(CHANGJI_PLACES)
    const project = pick(area.projects)
    const year = int(Number(b.startDate.slice(0, 4)), Number(b.endDate.slice(0, 4)))
    const month = int(1, 12)
    const day = int(1, 28)
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const dateCn = `${year}年${month}月${day}日`
    const people = Array.from({ length: int(1, 3) }, person)
    const recTags = [...new Set(Array.from({ length: int(0, 3) }, () => tagId.get(pick(AREA_TAGS[area.id]!))!))]
    const batchCn = NUM_CN[b.number - 1] ?? String(b.number)
    const metric = pick(METRICS)
    const fill = (tpl: string) =>
      tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
        switch (k) {
          case 'batch': return batchCn
          case 'prov': return '山西'
          case 'area': return area.name
          case 'date': return dateCn
          case 'org': return pick(ORGS)
          case 'org2': return pick(ORGS)
          case 'place': return rand() < 0.7 ? place : pick(CHANGJI_PLACES)
          case 'subplace': return pick(SUBPLACES)
          case 'project': return rand() < 0.7 ? project : pick(area.projects)
          case 'person': return person()
          case 'role': return pick(ROLES)
          case 'word': return pick(area.words)
          case 'word2': return rand() < 0.8 ? pick(area.words) : pick(pick(AREAS).words)
          case 'money': return String(int(20, 3000))
          case 'count': return String(int(10, 200))
          case 'issue': return String(issue)
          case 'metricLabel': return metric.label
          case 'unit': return metric.unit
          case 'value': return String(Math.round((metric.lo + rand() * (metric.hi - metric.lo)) * 100) / 100)
          case 'before': return String(Math.round(metric.lo * 100) / 100)
          default: return ''
        }
      })
    const body = (min: number, max: number) => {
      const target = int(min, max)
      let s = fill(pick(OPENERS))
      while (s.length < target - 60) s += fill(pick(MIDDLES))
      s += fill(pick(CLOSERS))
      return s.length > max ? s.slice(0, max - 1) + '。' : s
    }
    const base = {
      title: '',
      tags: recTags,
      sample: true,
      notes: '',
      createdAt: created,
      updatedAt: `${date}T08:00:00.000Z`,
      createdBy: 'bench',
      updatedBy: 'bench',
      batchId: b.id,
      area: area.id,
      places: [place],
      people,
      date,
    }
    const r = rand()
    if (r < 0.3) {
      const type = pick(['简报', '综述', '总结', '报告', '报道', '通知'] as const)
      const t = type === '简报' ? `援疆工作简报第${issue++}期：${project}` : `${place}${project}${type === '报道' ? '取得新进展' : '工作' + type}`
      records.push({
        ...base,
        id: `rep-g${n}`,
        kind: 'report',
        title: t,
        reportType: type,
        titleSupplied: rand() < 0.1,
        docNumber: rand() < 0.5 ? `晋援疆发〔${year}〕${int(1, 99)}号` : '',
        responsible: pick(ORGS),
        pages: int(1, 30),
        classification: '',
        retention: pick(['Y', 'D30', 'D10'] as const),
        openness: '未审核',
        filing: null,
        body: body(300, 800),
        source: rand() < 0.3 ? pick(['昌吉日报', '山西日报', '新疆日报', '天山网']) : '',
        keywords: [pick(area.words), pick(area.words)],
        remarks: '',
        attachments: [],
      })
    } else if (r < 0.5) {
      const metrics: Metric[] = Array.from({ length: int(0, 3) }, () => {
        const m = pick(METRICS)
        const value = Math.round((m.lo + rand() * (m.hi - m.lo)) * 100) / 100
        return { label: m.label, value, unit: m.unit, before: rand() < 0.5 ? Math.round(m.lo * 100) / 100 : null, qualifier: '', note: '' }
      })
      records.push({
        ...base,
        id: `ach-g${n}`,
        kind: 'achievement',
        title: `${place}${project}`,
        endDate: '',
        organisations: [pick(ORGS), pick(ORGS)],
        metrics,
        status: pick(['planned', 'in_progress', 'completed', 'completed'] as const),
        summary: body(300, 800),
      })
    } else {
      const role = pick(ROLES)
      records.push({
        ...base,
        id: `pho-g${n}`,
        kind: 'photo',
        title: `${place}${pick(SUBPLACES)}${pick(area.words)}${pick(['现场', '活动', '合影', '掠影', '一角'])}`,
        caption: {
          event: fill(pick(MIDDLES)),
          time: dateCn,
          place: `${place}${pick(SUBPLACES)}`,
          people: `${people[0]}（${role}）`,
          background: fill(pick(OPENERS)),
          photographer: pick(PHOTOGRAPHERS),
        },
        photoNo: `ZP${year}-${String(int(1, 9999)).padStart(4, '0')}`,
        refNo: '',
        groupId: null,
        description: rand() < 0.5 ? `${fill(pick(MIDDLES))}（${dateCn}摄）图片由${pick(PHOTOGRAPHERS)}提供` : '',
        file: null,
        exif: null,
      })
    }
  }
  return { settings: defaultSettings(), tags, records }
}
