/* The 23 articles of the norms (/work/shared/norms/norms.zh.md) in one line each, in Chinese and
 * in English (our summaries, after /work/shared/norms/README.md): the text a finding's article
 * is shown with on the compliance pages. */
#include "rules/rules.h"

static const char *const summary_zh[] = {
    [1] = "学会联合体由学科相近的全国学会自愿发起，经中国科协批准成立，是非法人合作组织。",
    [2] = "在中国科协领导下依据章程开展工作；章程由发起学会联合制定，报中国科协批准。",
    [3] = "坚持平等、协作、创新、发展、共享的基本原则。",
    [4] = "由发起学会和成员单位组成；成员单位承认章程、依法注册；全国学会加入或退出须经中国科协批准"
          "。",
    [5] = "主要任务：智库、学术交流、协同创新与成果转化、人才培养、学会改革发展（有条件的应设立党的"
          "工作机构）。",
    [6] = "设立主席团、专家委员会和秘书处，负责人由成员学会推举，报中国科协批准。",
    [7] = "主席团决策重大事项、集体讨论；设主席1名、副主席若干名，原则上由成员学会理事长担任。",
    [8] = "专家委员会设主任1名、副主任若干名，由主席提名，主席团聘任。",
    [9] = "秘书处设秘书长1名、副秘书长若干名，由主席提名，主席团聘任。",
    [10] = "可设工作委员会，一般由成员学会牵头，完成任务后可解散。",
    [11] = "主席团会议由主席主持，议题报主席审定，原则上每年召开1至2次。",
    [12] = "专题会议由主席（或其委托的副主席）主持，出席人员报其确定。",
    [13] = "主席团会议和专题会议应有会议纪要，由主席签发，印发主席团成员及相关单位。",
    [14] = "工作发展规划和年度工作计划须经主席团审议，报中国科协备案。",
    [15] = "经费专账管理、专款专用；每年1月底前将上年度资金筹集及使用情况报中国科协。",
    [16] = "研究成果所有权依法执行，成员单位未经批准不能自行对外发布和使用。",
    [17] = "活动新闻实行审核发布制度。",
    [18] = "名称前应冠有“中国科协”字样。",
    [19] = "成员学会参与学会联合体工作的表现纳入全国学会综合能力考评。",
    [20] = "中国科协开展学会联合体年度工作评估，择优支持。",
    [21] = "学会联合体的成立或解散须经中国科协常务委员会批准。",
    [22] = "地方科协可参照本规范制定本地的工作规范。",
    [23] = "本规范解释权归中国科协。",
};

static const char *const summary_en[] = {
    [1] = "An alliance is a non-legal-person cooperation organisation initiated by CAST national "
          "societies and established with CAST's approval.",
    [2] = "It works under CAST's leadership according to its charter, drafted by the initiating "
          "societies and approved by CAST.",
    [3] = "Principles: equality, collaboration, innovation, development, sharing.",
    [4] = "Members are the initiating societies and legally registered member units accepting the "
          "charter; a CAST national society joins or leaves with CAST's approval.",
    [5] = "Main tasks: think tank, academic exchange, innovation and technology transfer, talent, "
          "society reform (a party work organ where possible).",
    [6] = "A presidium, an expert committee and a secretariat, whose leaders are recommended by "
          "the member societies and approved by CAST.",
    [7] = "The presidium decides major matters collectively: one chair, several vice-chairs, in "
          "principle presidents of member societies.",
    [8] = "The expert committee has one director and deputies, nominated by the chair and "
          "appointed by the presidium.",
    [9] = "The secretariat has one secretary-general and deputies, nominated by the chair and "
          "appointed by the presidium.",
    [10] = "Working committees may be set up, generally led by a member society, and dissolved "
           "when their task is done.",
    [11] = "Presidium meetings are chaired by the chair, with an agenda the chair approves, in "
           "principle once or twice a year.",
    [12] = "Special meetings are chaired by the chair (or a delegated vice-chair), who confirms "
           "the attendees.",
    [13] = "Presidium and special meetings have minutes, signed by the chair and distributed.",
    [14] = "Development and annual work plans are reviewed by the presidium and filed with CAST.",
    [15] = "Funds are kept in a dedicated account for their purpose; the previous year's funds "
           "are reported to CAST by the end of January.",
    [16] = "Research results may not be released or used externally without approval.",
    [17] = "News about alliance activities is published only after review.",
    [18] = "The name begins with \"中国科协\".",
    [19] = "Member societies' participation counts in their comprehensive capability evaluation.",
    [20] = "CAST evaluates alliances yearly and supports the best.",
    [21] = "Establishing or dissolving an alliance needs the CAST standing committee's approval.",
    [22] = "Local science associations may make their own norms on this model.",
    [23] = "CAST interprets these norms.",
};

const char *article_summary(int article, enum lang lang)
{
    if (article < 1 || article > ARTICLES)
        return "";
    return lang == LANG_EN ? summary_en[article] : summary_zh[article];
}
