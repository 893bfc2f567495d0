// Natural queries over the demo archive as loaded (resources/demo/demo.json with the
// samples of batches 3 and 4): typed the way office staff ask, not in the search syntax.
// Each label was checked against the demo's texts; a comment after a case says what the
// text has where the query's words differ. Year and batch cases expect only records of
// that year or batch, and list as absent those of another that share the words.
import type { RelevanceSet } from './relevance-cases'

export const NATURAL_CASES: RelevanceSet = {
  'phrases with function words': [
    // 企业: the BDO records say 有限责任公司.
    { q: '准东的化工企业', top3: ['ach_bdo_line', 'pho_bdo_line'] },
    { q: '山西医生在医院做了什么', top3: ['ach_yang_xiangru'] },
    // A closing 成果: achievements only; the three dated 2024 (the 2024 photo and the 2025 report are not).
    { q: '2024年的成果', top3: ['ach_yongxin_cdq', 'ach_jimsar_cbm', 'ach_jinfu_hall'], absent: ['pho_bdo_line', 'rep_seed_article'] },
    { q: '关于沙尼汗小院的改造情况', top3: ['ach_shanihan_yard'] },
    { q: '昌吉州第二中学的高考成绩怎么样', top3: ['ach_chj2_gaokao'] },
    { q: '帮我找一下煤层气的情况', top3: ['ach_jimsar_cbm'] },
    { q: '文艺轻骑兵在哪里演出的', top3: ['ach_qingqibing_2025'] },
    { q: '杨向茹是哪个科室的', top3: ['ach_yang_xiangru'] },
    // A closing 照片: the photo, not the achievement with the same words.
    { q: '医生给儿童检查视力的照片', top3: ['pho_zhundong_clinic'], absent: ['ach_zhundong_clinic'] },
  ],
  'words the text says differently': [
    { q: '大夫 上门义诊', top3: ['ach_shanihan_health'] }, // 医生
    { q: '学子 考上清华', top3: ['ach_chj2_gaokao'] }, // 学生 … 清华大学 … 录取
    { q: '准东 化工 厂家', top3: ['ach_bdo_line', 'pho_bdo_line'] }, // 公司
    { q: '老年人 免费餐', top3: ['ach_shanihan_yard'] }, // 老人, 免费爱心餐
    { q: '孩子 检查视力', top3: ['ach_zhundong_clinic', 'pho_zhundong_clinic'] }, // 儿童
    { q: '民间文化展馆', top3: ['ach_jinfu_hall'] }, // 展厅
    { q: '民生经费占比', top3: ['ach_livelihood_share'] }, // 资金
    { q: '晋剧表演', top3: ['ach_mass_events'] }, // 同台演出
    { q: '医务人员 传帮带', top3: ['ach_medical_general'] }, // 医护人员
  ],
  abbreviations: [
    { q: '晋援疆 耳鼻喉科', top3: ['ach_yang_xiangru'] }, // 山西省援疆医生
    { q: '山西援疆前指提供的照片', top3: ['pho_bdo_line', 'pho_zhundong_clinic', 'pho_art_training'] }, // 前方指挥部
    { q: '昌吉州二中 高考', top3: ['ach_chj2_gaokao'] }, // 第二中学
    { q: '北大 录取', top3: ['ach_chj2_gaokao'] }, // 北京大学
    { q: '准东开发区 BDO', top3: ['ach_bdo_line', 'pho_bdo_line'] }, // 准东经济技术开发区
    { q: '二中和忻州一中结对', top3: ['ach_chj2_team'] }, // 忻州市第一中学
    { q: '吉县 煤层气', top3: ['ach_jimsar_cbm'] }, // 吉木萨尔县
    { q: '阜康人民医院', top3: ['ach_yang_xiangru'] }, // 阜康市人民医院
  ],
  'numbers as spoken': [
    { q: '1.7亿度', top3: ['ach_yongxin_cdq'] }, // 1.7亿千瓦时
    { q: '每小时170吨', top3: ['ach_yongxin_cdq'] }, // 170吨/时
    { q: '五万立方米', top3: ['ach_jimsar_cbm'] }, // 5万立方米
    { q: '百分之九十', top3: ['ach_livelihood_share'] }, // 90%
    { q: '二百六十万 展厅', top3: ['ach_jinfu_hall'] }, // 260万元
    { q: '六百分以上', top3: ['ach_chj2_gaokao'] }, // 600分以上
    { q: '七十六名师生', top3: ['ach_study_tour_2025'] }, // 76名师生
    { q: '一百三十平米', top3: ['ach_jinfu_hall'] }, // 130平方米
    { q: '纯度百分之九十九点七五', top3: ['ach_bdo_line', 'pho_bdo_line'] }, // 99.75%
  ],
  'batch and year words': [
    { q: '第五批 煤层气', top3: ['ach_jimsar_cbm'], absent: ['ach_sample3_cbm', 'ach_sample4_cbm', 'pho_sample4_cbm'] },
    // The fourth batch is one of the demo's samples (resources/demo/samples.json).
    { q: '四批 煤层气', top3: ['ach_sample4_cbm', 'pho_sample4_cbm'], absent: ['ach_jimsar_cbm', 'ach_sample3_cbm'] },
    // No sixth batch: the words still find the record.
    { q: '第六批 干熄焦', top3: ['ach_yongxin_cdq'] },
    { q: '五批 耳鼻喉科', top3: ['ach_yang_xiangru'] },
    { q: '2025年 高考', top3: ['ach_chj2_gaokao'], absent: ['ach_sample4_gaokao'] },
    { q: '二〇二四年 展厅', top3: ['ach_jinfu_hall'] },
    { q: '2024年 阜康', top3: ['ach_yongxin_cdq', 'ach_jinfu_hall'], absent: ['rep_seed_article', 'ach_sample3_medical', 'ach_sample4_medical'] },
    { q: '2025年的照片', top3: ['pho_zhundong_clinic', 'pho_art_training'], absent: ['pho_bdo_line'] },
    { q: '二〇二五年 研学', top3: ['ach_study_tour_2025', 'ach_calligraphy_2025'], absent: ['ach_sample3_exchange', 'ach_sample4_exchange'] },
    { q: '2024年 煤化工', top3: ['ach_yongxin_cdq', 'pho_bdo_line'] },
    { q: '2025年7月 演出', top3: ['ach_qingqibing_2025'] },
  ],
  'one word not in the archive': [
    { q: '干熄焦 外星人', top3: ['ach_yongxin_cdq'] },
    { q: '煤层气 冬令营', top3: ['ach_jimsar_cbm'] },
    { q: '石榴籽 冬令营', top3: ['ach_shiliuzi_camp'] },
    { q: '沙尼汗小院 食堂', top3: ['ach_shanihan_yard', 'ach_shanihan_health'] },
    { q: 'BDO 光伏', top3: ['ach_bdo_line', 'pho_bdo_line'] },
    { q: '亚心广场 直播', top3: ['ach_qingqibing_2025'] },
    { q: '耳鼻喉科 人工耳蜗', top3: ['ach_yang_xiangru'] },
    { q: '干熄焦 余热', top3: ['ach_yongxin_cdq'] },
  ],
}
