"""Demo content for Casebook, derived from the 2024 Jilin reporting-tour article (reporter 张倩).
Facts, names and figures follow the article; every summary and body is written in our own words."""

from datetime import date
from decimal import Decimal

ARTICLE = {
    "title": "“白山松水寄深情 守护平安助发展”吉林行采访活动掠影",
    "publisher": "",
    "author": "张倩",
    "url": "",
    "published_on": None,
    "accessed_on": date(2026, 11, 25),
    "note": (
        "2024年8月26日至30日“白山松水寄深情守护平安助发展”吉林行大型采访活动的综合报道，"
        "记者随采访团走访长春、临江、延边等地的政法单位和村社。原文未注明刊发报纸。"
    ),
}

THEMES = [
    {
        "slug": "fengqiao-experience",
        "name": "新时代“枫桥经验”花开满园",
        "name_en": "The Fengqiao Experience of the new era in full bloom",
        "description": "在基层就地发现和化解矛盾纠纷的“枫桥经验”在吉林的实践，涵盖综治中心、社区警务、旅游警务和人民法庭。",
        "description_en": (
            "How Jilin applies the Fengqiao Experience of resolving disputes where they arise: "
            "governance centres, community and tourist-area policing, and people's tribunals."
        ),
        "colour": "#9f2a1f",
        "order": 1,
    },
    {
        "slug": "justice-for-the-people",
        "name": "司法为民有力度有温度",
        "name_en": "Justice for the people, both firm and caring",
        "description": "法院和检察院让群众打官司更便利、诉求得到回应的做法，包括诉讼服务、审判管理、法官进网格和司法救助。",
        "description_en": (
            "Courts and procuratorates making litigation easier and answering people's needs: "
            "litigation services, trial management, judges in the grid and judicial aid."
        ),
        "colour": "#1f5f8b",
        "order": 2,
    },
    {
        "slug": "rule-of-law-for-development",
        "name": "法治护航高质量发展",
        "name_en": "Rule of law safeguarding high-quality development",
        "description": "以规范、透明的行政执法和政务公开，为地方经济社会发展营造良好的法治环境。",
        "description_en": (
            "Standardised, transparent administrative enforcement and open government "
            "that give local development a sound legal environment."
        ),
        "colour": "#2e6b3a",
        "order": 3,
    },
    {
        "slug": "digital-empowerment",
        "name": "数字赋能政法工作现代化",
        "name_en": "Digital empowerment for modern political-legal work",
        "description": "借助信息化平台和数据共享提升政法工作效能，例如法院的智慧执行。",
        "description_en": (
            "Using information platforms and data sharing to make political-legal work more effective, "
            "such as smart enforcement of court judgments."
        ),
        "colour": "#5b3f8c",
        "order": 4,
    },
]

REGIONS = [
    ("220000", "吉林省", "Jilin Province", None),
    ("220100", "长春市", "Changchun", "220000"),
    ("220105", "二道区", "Erdao District", "220100"),
    ("220184", "公主岭市", "Gongzhuling", "220100"),
    ("220600", "白山市", "Baishan", "220000"),
    ("220681", "临江市", "Linjiang", "220600"),
    ("222400", "延边朝鲜族自治州", "Yanbian Korean Autonomous Prefecture", "220000"),
    ("222403", "敦化市", "Dunhua", "222400"),
]

INSTITUTIONS = [
    {
        "slug": "changchun-erdao-governance-centre",
        "name": "长春市二道区综治中心",
        "name_en": "Erdao District Comprehensive Governance Centre, Changchun",
        "kind": "governance_centre",
        "region": "220105",
        "website": "",
    },
    {
        "slug": "changchun-dongshenglu-police-station",
        "name": "长春市公安局二道区分局东盛路派出所",
        "name_en": "Dongshenglu Police Station, Erdao Branch of the Changchun Public Security Bureau",
        "kind": "public_security",
        "region": "220105",
        "website": "",
    },
    {
        "slug": "linjiang-public-security-bureau",
        "name": "临江市公安局",
        "name_en": "Linjiang Public Security Bureau",
        "kind": "public_security",
        "region": "220681",
        "website": "",
    },
    {
        "slug": "gongzhuling-huancheng-tribunal",
        "name": "公主岭市人民法院环城人民法庭",
        "name_en": "Huancheng People's Tribunal of the Gongzhuling People's Court",
        "kind": "court",
        "region": "220184",
        "website": "",
    },
    {
        "slug": "changchun-intermediate-court",
        "name": "长春市中级人民法院",
        "name_en": "Changchun Intermediate People's Court",
        "kind": "court",
        "region": "220100",
        "website": "",
    },
    {
        "slug": "linjiang-court",
        "name": "临江市人民法院",
        "name_en": "Linjiang People's Court",
        "kind": "court",
        "region": "220681",
        "website": "",
    },
    {
        "slug": "dunhua-procuratorate",
        "name": "敦化市人民检察院",
        "name_en": "Dunhua People's Procuratorate",
        "kind": "procuratorate",
        "region": "222403",
        "website": "",
    },
    {
        "slug": "linjiang-political-legal-committee",
        "name": "临江市委政法委（市司法局）",
        "name_en": "Political and Legal Affairs Commission of the CPC Linjiang Committee (Linjiang Justice Bureau)",
        "kind": "government",
        "region": "220681",
        "website": "",
    },
    {
        "slug": "dunhua-court",
        "name": "敦化市人民法院",
        "name_en": "Dunhua People's Court",
        "kind": "court",
        "region": "222403",
        "website": "",
    },
]

PRACTICES = [
    # 1
    {
        "slug": "二道区综治中心四级联动",
        "title": "二道区综治中心“1+9+N+X”四级联动化解矛盾纠纷",
        "title_en": "Erdao District's four-tier '1+9+N+X' network of governance centres",
        "summary": (
            "长春市二道区在全省第一个建起实体化运行的区级综治中心，以“1+9+N+X”四级联动把矛盾纠纷调解延伸到小区，探索出“二道模式”。"
            "中心于2023年11月启用后，已登记纠纷10481件，办结率99.84%。"
        ),
        "summary_en": (
            "Since November 2023 Changchun's Erdao District has run Jilin's first physically operating "
            "district-level governance centre, linking four tiers down to residential compounds and "
            "closing 99.84% of 10,481 registered disputes."
        ),
        "body": (
            "“枫桥经验”被视为我国基层社会治理的标杆，也是政法综治工作的一面旗帜。长春市二道区的探索，"
            "是这一经验在吉林落地生根的一个例子。"
            "\n\n"
            "二道区地处长春市东部，是一片老城区。这里人口进出频繁，空巢家庭所占比例偏高，基层治理的压力不小。"
            "2023年，二道区在吉林省第一个建起实体化运行的区级综治中心，并围绕矛盾纠纷的排查与化解，"
            "逐步形成了人们所说的“二道模式”。"
            "\n\n"
            "这套体系被概括为“1+9+N+X”四级联动。中心调解员徐文学解释说，“1”指区一级的综治中心，"
            "“9”指九个街道（镇）综治中心，“N”是各社区（村）的综治中心，“X”则是设在小区（组）里的矛调阵地。"
            "从区、街道（镇）、社区（村）一直到小区（组），每一级都有相应的综治或矛调阵地，四个层级上下相连。"
            "\n\n"
            "在具体方法上，二道区打磨出“五联机制”和“五心十法”，把它们作为开展矛盾调解的工作方法，"
            "用在矛盾纠纷的日常排查与化解中。"
            "\n\n"
            "从运行数据看，中心于2023年11月投入使用，到采访时已累计接待来访群众14456人次，"
            "登记在册的矛盾纠纷共10481件，其中10464件已经办结，办结率达到99.84%，几乎所有登记的纠纷都已办结。"
        ),
        "theme": "fengqiao-experience",
        "region": "220105",
        "institution": "changchun-erdao-governance-centre",
        "tags": ["枫桥经验", "综治中心", "矛盾纠纷化解"],
        "started_on": date(2023, 11, 1),
        "started_precision": "month",
        "featured": True,
        "key_figures": [
            {
                "label": "接待来访人员",
                "label_en": "Visitors received",
                "value": Decimal("14456"),
                "unit": "人次",
                "unit_en": "visits",
                "as_of": date(2024, 8, 30),
                "note": "2023年11月运行以来累计",
                "note_en": "Cumulative since the centre opened in November 2023",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "登记矛盾纠纷",
                "label_en": "Disputes registered",
                "value": Decimal("10481"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "2023年11月运行以来累计",
                "note_en": "Cumulative since the centre opened in November 2023",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "办结矛盾纠纷",
                "label_en": "Disputes resolved",
                "value": Decimal("10464"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "2023年11月运行以来累计",
                "note_en": "Cumulative since the centre opened in November 2023",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "矛盾纠纷办结率",
                "label_en": "Registered disputes resolved",
                "value": Decimal("99.84"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "2023年11月运行以来，办结数占登记数",
                "note_en": "Since November 2023: disputes resolved as a share of those registered",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "街道（镇）综治中心",
                "label_en": "Sub-district and town governance centres",
                "value": Decimal("9"),
                "unit": "个",
                "unit_en": "centres",
                "as_of": date(2024, 8, 30),
                "note": "“1+9+N+X”模式中的“9”",
                "note_en": "The '9' of the '1+9+N+X' model",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 2
    {
        "slug": "东盛路派出所红扁担服务队",
        "title": "东盛路派出所“红扁担服务队”与社区警务团队",
        "title_en": "Dongshenglu Police Station: the 'Red Shoulder-Pole' service team and community policing",
        "summary": (
            "长春东盛路派出所把网格员、楼栋长和保安保洁等力量吸收进社区警务团队，组建“红扁担服务队”并开设直播答疑。"
            "2024年以来为群众解决“急难愁盼”问题400余件，刑事案件同比下降33%。"
        ),
        "summary_en": (
            "Changchun's Dongshenglu police station folds grid workers and building heads into community "
            "policing teams and answers residents' questions by live stream; in 2024 it has solved over 400 "
            "urgent problems and criminal cases fell 33% year on year."
        ),
        "body": (
            "东盛路派出所隶属长春市公安局二道区分局。所里的荣誉墙上挂着“全国枫桥式公安派出所”"
            "“全国公安机关爱民模范集体”“吉林省优秀基层单位”等称号，记录着这支队伍践行新时代“枫桥经验”的足迹。"
            "\n\n"
            "在党建引领下，派出所对职能和力量进行整合，把网格员、楼栋长、单元长以及保安、保洁人员等群防群治力量吸收进来，"
            "组成社区警务团队，同时健全街面联防，让警务工作触及基层的每个角落。"
            "\n\n"
            "为了让辖区群众办事更方便，派出所还和网格长一起组建了“红扁担服务队”，队员既进村入户，也在“红扁担在线”直播间里与群众互动。"
            "补办驾驶证要带哪些材料、证件多久能拿到，这类日常疑问都能在直播中得到解答，一些矛盾也借此得以化解。"
            "此外，“少年志警联盟”“警察妈妈”等队伍，以及急救小药盒、警民联系卡等举措，让辖区群众更有获得感和安全感。"
            "\n\n"
            "所长白鑫宇（同时担任二道区分局副局长）介绍，2024年以来，派出所已为群众解决“急难愁盼”问题400余件；"
            "与上年同期相比，辖区刑事案件减少33%，治安案件减少5%。"
        ),
        "theme": "fengqiao-experience",
        "region": "220105",
        "institution": "changchun-dongshenglu-police-station",
        "tags": ["枫桥经验", "社区警务", "红扁担服务队", "直播", "网格化治理"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [
            {
                "label": "解决群众“急难愁盼”问题",
                "label_en": "Residents' urgent everyday problems solved",
                "value": Decimal("400"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "2024年以来，原文为“400余件”",
                "note_en": "Since 2024; the report says 'more than 400'",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "刑事案件同比降幅",
                "label_en": "Fall in criminal cases, year on year",
                "value": Decimal("33"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "2024年以来，辖区刑事案件同比",
                "note_en": "Since 2024, in the station's area",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "治安案件同比降幅",
                "label_en": "Fall in public-order cases, year on year",
                "value": Decimal("5"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "2024年以来，辖区治安案件同比",
                "note_en": "Since 2024, in the station's area",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 3
    {
        "slug": "临江正阳路警务站景中有警",
        "title": "临江正阳路警务站：“景中有警”护航旅游",
        "title_en": "Linjiang's Zhengyang Road police post: police on hand in the tourist area",
        "summary": (
            "临江市公安局在正阳路核心区设立警务站，以“1、3、5”快速反应机制串联派出所、警务室和群防群治力量，"
            "形成“景中有警”的旅游警务格局，曾用9分钟帮游客找回走失的孩子。"
        ),
        "summary_en": (
            "Linjiang police run a post in the Zhengyang Road core tourist area backed by a three-tier "
            "rapid-response mechanism; one lost child was found within nine minutes."
        ),
        "body": (
            "临江市与长春相隔300公里，素有“边陲明珠、塞北江南”之称，是一座有历史文化底蕴的名城。"
            "在正阳路核心区，临江市公安局建起了一座警务站，让警力就部署在游客身边，"
            "形成“景中有警”的治安防控格局。这座警务站也成了临江旅游警务的一块招牌。"
            "\n\n"
            "不久前，一位游客焦急地来到警务站求助，说自家孩子走丢了。民警接报后随即启动应急机制，"
            "一边调看监控追踪去向，一边联动街面巡逻力量搜寻，前后只用了9分钟就把孩子找了回来，警务站应对突发情况的速度和效率由此可见一斑。"
            "\n\n"
            "这样的效率，来自临江市公安局推行的“1、3、5”快速反应工作机制。它分为三级：派出所负责迅速接警，"
            "警务室负责先期处置，群防群治力量负责快速支援。针对节日期间商圈的安保需要，"
            "警方在人流集中的地方以警务站为中心设立群防群治支援点，尽量缩短出警半径、加快到场速度。"
            "\n\n"
            "依靠更合理的警力配置和不断优化的快速反应机制，这座警务站已为群众提供服务、处置各类警情数百起，为正阳路一带游客和市民的平安出了力。"
        ),
        "theme": "fengqiao-experience",
        "region": "220681",
        "institution": "linjiang-public-security-bureau",
        "tags": ["枫桥经验", "旅游警务", "快速反应"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [
            {
                "label": "找回走失儿童用时",
                "label_en": "Time taken to find a lost child",
                "value": Decimal("9"),
                "unit": "分钟",
                "unit_en": "minutes",
                "as_of": date(2024, 8, 30),
                "note": "采访前不久一起游客孩子走失求助的处置用时",
                "note_en": "A visiting family's child reported missing shortly before the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 4
    {
        "slug": "公主岭道交巡回法庭三车道",
        "title": "公主岭环城法庭设道交巡回法庭，打造纠纷化解“三车道”",
        "title_en": "Gongzhuling's Huancheng Tribunal: a road-traffic circuit court and a 'three-lane' model",
        "summary": (
            "公主岭市人民法院环城人民法庭在交警大队设立道交巡回法庭，以诉前调解、诉前鉴定和司法确认，"
            "为交通事故纠纷提供从定责到确认的一站式服务，调解成功并当场履行458件，成功率96.7%。"
        ),
        "summary_en": (
            "Gongzhuling's Huancheng People's Tribunal sits a circuit court inside the traffic police brigade, "
            "handling road-traffic disputes in one place from liability to judicial confirmation; 458 have been "
            "settled and paid on the spot, a 96.7% success rate."
        ),
        "body": (
            "环城人民法庭是全省法院首批“枫桥式人民法庭”之一，也是长春市“枫桥经验”先进典型单位。"
            "近年来，法庭围绕“公正与效率”，把道路交通纠纷作为突破口，以调解前置、鉴定靠前、多调联动和完善损害救济为抓手，"
            "打造道交纠纷处理的“三车道”模式，定位为主审道交纠纷的综合性人民法庭。"
            "\n\n"
            "法庭与市公安局交警大队共同制定了《交通事故矛盾纠纷一体化解工作方案》，在交警大队内设立道交巡回法庭，"
            "在事故处理的前端就介入，从源头上化解纠纷。刚办完事故处理的王女士说，她原以为得去法院起诉对方，"
            "没想到在交警队就办妥了，保险方面的疑问也有专人解释。"
            "\n\n"
            "诉前调解员张晓春介绍，巡回法庭请专业法官、公益律师参与调解并提供咨询，纠纷在起诉前先行调解，"
            "达成协议后及时办理司法确认，定责、调解、司法确认可以一站办完。"
            "截至采访时，经巡回法庭调解成功、当场履行完毕的道交纠纷共458件，成功率96.7%。"
            "\n\n"
            "公主岭法院还与公安局以及作为道路救助基金管理者的平安保险公司召开联席会议，确立了基金垫付机制。"
            "道交纠纷常涉及伤残等级、“三期”等鉴定，法庭因此把鉴定提前到起诉之前，引导当事人先提交申请，"
            "再协调司法辅助部门组织鉴定。2023年以来，法庭开展诉前鉴定157件，由此促成诉前调解成功71件，"
            "道交纠纷办案平均用时降到26.33天。"
        ),
        "theme": "fengqiao-experience",
        "region": "220184",
        "institution": "gongzhuling-huancheng-tribunal",
        "tags": ["枫桥经验", "道交纠纷", "巡回法庭", "诉前调解", "司法确认"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [
            {
                "label": "调解成功并当场履行的道交纠纷",
                "label_en": "Road-traffic disputes mediated and settled on the spot",
                "value": Decimal("458"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "道交巡回法庭设立以来至采访时累计",
                "note_en": "Since the circuit tribunal opened, up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "道交纠纷调解成功率",
                "label_en": "Road-traffic disputes mediated successfully",
                "value": Decimal("96.7"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "道交巡回法庭设立以来至采访时",
                "note_en": "Since the circuit tribunal opened, up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "道交纠纷诉前鉴定",
                "label_en": "Pre-litigation assessments in road-traffic disputes",
                "value": Decimal("157"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "2023年至采访时累计",
                "note_en": "From 2023 up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "经诉前鉴定促成诉前调解成功",
                "label_en": "Pre-litigation mediations that succeeded after an assessment",
                "value": Decimal("71"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "2023年至采访时累计",
                "note_en": "From 2023 up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "道交纠纷平均办案天数",
                "label_en": "Average time to handle a road-traffic dispute",
                "value": Decimal("26.33"),
                "unit": "天",
                "unit_en": "days",
                "as_of": date(2024, 8, 30),
                "note": "2023年至采访时，通过诉前鉴定缩短后的平均办案天数",
                "note_en": "From 2023 up to the interview, after pre-litigation assessment shortened it",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 5
    {
        "slug": "长春中院一站式诉讼服务",
        "title": "长春中院一站式诉讼服务与集约送达改革",
        "title_en": "Changchun Intermediate Court: one-stop litigation services and centralised service of documents",
        "summary": (
            "长春市中级人民法院建成一站式诉讼服务中心并开设跨域立案窗口，与邮政合作推行集约送达，电子送达率约75%；"
            "2024年5月起全市两级法院线下统一送达，平均0.5天，案件平均用时缩短37.39天。"
        ),
        "summary_en": (
            "Changchun Intermediate People's Court offers one-stop litigation services and cross-region filing, "
            "and since May 2024 has centralised offline service of documents for both court levels, cutting "
            "average case time by 37.39 days."
        ),
        "body": (
            "在长春中院诉讼服务大厅，李女士前来咨询：几年前她借给别人几万元，多次催讨对方仍不归还，"
            "如今对方住在沈阳，她想起诉却不知能否立案。工作人员告诉她可以，请她到跨域诉讼服务窗口办理跨域立案。"
            "\n\n"
            "长春中院围绕“集约高效”“智慧精准”“多元解纷”“便民利民”的标准建设诉讼服务中心，让当事人在一处就能办完诉讼事务。"
            "过去立案要手写多份格式文书，如今改为电子化填写，手工填表成为历史。"
            "法院另设执行事务中心，开设网络查控、拍卖辅助、文书制作等窗口，让执行事务集中办理、流程规范。"
            "\n\n"
            "为解决线下送达难，审判辅助事务集约中心组建了5个团队、10个工作组，并与市邮政公司合作推行集约送达，"
            "文书网上流转、全程在线办理，并可异地集中打印，电子、邮寄、实地三种送达方式无缝衔接。"
            "目前电子送达率约为75%，送达成功率为80%；在民事和行政审判部门，送达工作已经全部剥离出去。"
            "\n\n"
            "长春中院于2024年5月在全省率先推出全市两级法院统一集中办理线下送达的新模式，平均送达时长为0.5天，"
            "人力与经费节约近30%。实行审判辅助事务集约化以后，与上年同期相比，案件平均用时减少37.39天，提升幅度为42.56%。"
        ),
        "theme": "justice-for-the-people",
        "region": "220100",
        "institution": "changchun-intermediate-court",
        "tags": ["诉讼服务", "集约送达", "智慧法院"],
        "started_on": None,
        "started_precision": "year",
        "featured": True,
        "key_figures": [
            {
                "label": "电子送达率",
                "label_en": "Court documents served electronically",
                "value": Decimal("75"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "采访时，原文为“约75%”",
                "note_en": "At the time of the interview; the report says 'about 75%'",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "送达成功率",
                "label_en": "Court documents served successfully",
                "value": Decimal("80"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "采访时",
                "note_en": "At the time of the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "审判辅助事务集约中心团队",
                "label_en": "Teams in the centralised trial-support centre",
                "value": Decimal("5"),
                "unit": "个",
                "unit_en": "teams",
                "as_of": date(2024, 8, 30),
                "note": "采访时",
                "note_en": "At the time of the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "审判辅助事务集约中心工作组",
                "label_en": "Working groups in the centralised trial-support centre",
                "value": Decimal("10"),
                "unit": "个",
                "unit_en": "working groups",
                "as_of": date(2024, 8, 30),
                "note": "采访时",
                "note_en": "At the time of the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "线下集约送达平均时长",
                "label_en": "Average time for centralised in-person service",
                "value": Decimal("0.5"),
                "unit": "天",
                "unit_en": "days",
                "as_of": date(2024, 8, 30),
                "note": "2024年5月起全市两级法院线下集约统一送达",
                "note_en": "Since May 2024 the city's courts at both levels serve documents in person through one centre",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "节省人力和经费",
                "label_en": "Staff and costs saved",
                "value": Decimal("30"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "2024年5月起线下集约统一送达，原文为“近30%”",
                "note_en": "Since centralised in-person service began in May 2024; the report says 'nearly 30%'",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "案件平均用时同比缩短",
                "label_en": "Average case duration cut, year on year",
                "value": Decimal("37.39"),
                "unit": "天",
                "unit_en": "days",
                "as_of": date(2024, 8, 30),
                "note": "审判辅助事务集约办理后，同比",
                "note_en": "After trial-support tasks were centralised",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "案件办理效率同比提升",
                "label_en": "Case-handling efficiency gained, year on year",
                "value": Decimal("42.56"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "审判辅助事务集约办理后，案件平均用时同比缩短37.39天，原文称“提升了42.56%”",
                "note_en": "After centralisation the average case took 37.39 days less; the report calls this a 42.56% gain",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 6
    {
        "slug": "临江法院三级管控",
        "title": "临江法院以“三级管控”推进智慧审判管理",
        "title_en": "Linjiang Court: 'three-level control' for smarter trial management",
        "summary": (
            "临江市人民法院在审判管理模块中以提示、预警、冻结三道关口对流程节点实行“三级管控”，并用大数据平台分析研判案件。"
            "2023年平均审理时间“下降1倍多”，服判息诉率从86.92%升至92.68%。"
        ),
        "summary_en": (
            "Linjiang People's Court manages trials with node-by-node prompts, warnings and freezes plus "
            "big-data analysis; in 2023 the rate at which parties accepted judgments rose from 86.92% to 92.68%."
        ),
        "body": (
            "把群众忧心的事放在心上，把群众期盼的事落到行动上，是临江市人民法院给自己定下的要求。"
            "法院紧盯群众“急难愁盼”，从“小切口”破题，向“大纵深”推进，力求让群众切实体会到，公平正义就在自己身边。"
            "\n\n"
            "提升审判质效是其中的重要一环。法院依托“智慧建设”，在审判管理模块里为案件流程的每个节点设置提示、预警和冻结三道关口，"
            "层层递进，合称“三级管控”，让各个节点的运行都处在管控之下。"
            "\n\n"
            "与此同时，法院借助“大数据”平台对案件开展分析研判，力求做到问题发现得准、解决得及时，让审判管理更有针对性。"
            "\n\n"
            "这些举措让审判质效得到大幅提升，变化在数字上体现得很清楚。报道称，2023年度该院案件平均审理时间“下降1倍多”；"
            "服判息诉率，即当事人接受裁判结果、不再上诉申诉的情况，从86.92%上升到92.68%。"
            "\n\n"
            "除了智慧审判管理，临江法院还在推进“法官进网格”和“无讼村屯（社区）”创建，把司法服务延伸到乡镇（街道）和村屯："
            "法官与辖区各网格精准对接，定期入户走访，"
            "面对面了解群众的司法诉求。"
        ),
        "theme": "justice-for-the-people",
        "region": "220681",
        "institution": "linjiang-court",
        "tags": ["智慧法院", "审判管理", "大数据"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [
            {
                "label": "服判息诉率",
                "label_en": "Parties accepting the judgment without appeal or petition",
                "value": Decimal("92.68"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2023, 12, 31),
                "note": "2023年度，由86.92%上升至92.68%",
                "note_en": "2023, up from 86.92% to 92.68%",
                "baseline_value": Decimal("86.92"),
                "baseline_on": date(2022, 12, 31),
            },
        ],
    },
    # 7
    {
        "slug": "临江法院法官进网格",
        "title": "临江法院“法官进网格”，创建无讼村屯",
        "title_en": "Linjiang Court: judges in the grid and 'litigation-free villages'",
        "summary": (
            "临江市人民法院推行“法官进网格”，让法官与所辖10个乡镇（街道）内的各个网格精准对接，在村社设“百姓说事、法官说法”工作室，"
            "联合多部门建立法院工作室，3年来诉前化解的矛盾纠纷共976件，并推进“无讼村屯（社区）”创建。"
        ),
        "summary_en": (
            "Linjiang People's Court pairs judges with the grids of 10 towns and streets and works with village "
            "mediators; 976 disputes have been resolved before litigation in three years."
        ),
        "body": (
            "临江市人民法院把“法官进网格”作为回应群众“急难愁盼”的一项重要举措。"
            "借助这项工作，法官的联系范围覆盖辖区10个乡镇（街道），与各个网格逐一精准对接，并建立起长期联络机制。"
            "法官以网格为工作阵地，定期上门走访，与群众一对一交流，了解他们在司法方面的需求。"
            "\n\n"
            "法院还主动参与党委、政府主导的一体化矛盾纠纷调处中心和行政争议解决中心的建设，其调解中心已进驻政法委综治中心。"
            "在有关村社，法院开设“百姓说事、法官说法”工作室；同时与司法局、律师协会、妇联、工会、工商联等部门共建“法院工作室”，"
            "力求在矛盾刚冒头时就发现并化解。"
            "\n\n"
            "这些做法见到了实效：3年来，临江法院在诉前化解的矛盾纠纷达到976件，不少纠纷没有进入诉讼程序就得到解决。"
            "\n\n"
            "在此基础上，法院推进“无讼村屯（社区）”创建，让各社区、村屯的人民调解员与法官一起发挥“双重优势”，彼此配合，"
            "对人民调解组织加强业务指导，健全诉讼与非诉讼方式相互衔接的机制，推动矛盾纠纷从源头预防、在前端化解。"
        ),
        "theme": "justice-for-the-people",
        "region": "220681",
        "institution": "linjiang-court",
        "tags": ["法官进网格", "无讼村屯", "网格化治理", "诉前调解", "矛盾纠纷化解"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [
            {
                "label": "对接网格的乡镇（街道）",
                "label_en": "Towns and sub-districts with judges in the grid",
                "value": Decimal("10"),
                "unit": "个",
                "unit_en": "towns and sub-districts",
                "as_of": date(2024, 8, 30),
                "note": "法官进网格覆盖的辖区乡镇（街道）",
                "note_en": "Across the court's area",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "诉前化解矛盾纠纷",
                "label_en": "Disputes resolved before litigation",
                "value": Decimal("976"),
                "unit": "件",
                "unit_en": "cases",
                "as_of": date(2024, 8, 30),
                "note": "近3年累计",
                "note_en": "Cumulative over the last three years",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 8
    {
        "slug": "敦化检察院检护民生",
        "title": "敦化检察院“检护民生”：司法救助与未成年人保护",
        "title_en": "Dunhua Procuratorate: protecting people's livelihoods through judicial aid and care for minors",
        "summary": (
            "敦化市人民检察院聚焦妇女、老年人和未成年人的民生难题，牵头组建司法救助专班，与妇联明确五类救助重点对象，"
            "提前介入养老诈骗案件，投资300万元建起青少年法治教育基地，并派出46名检察干警出任法治副校长。"
        ),
        "summary_en": (
            "Dunhua People's Procuratorate leads a judicial-aid task force, works with the women's federation on "
            "five priority groups, and runs a 3-million-yuan youth rule-of-law education base with 46 prosecutors "
            "serving as school vice-principals."
        ),
        "body": (
            "位于延边朝鲜族自治州的敦化市人民检察院从检察监督职能出发，把妇女、老年人、未成年人面临的突出民生问题作为重点，"
            "扎实推进“检护民生”。"
            "\n\n"
            "刑事案件被害人全某某一家符合司法救助条件：她和丈夫都是残障人士，儿子正读初中，全家只靠低保度日，孩子心理也受到创伤。"
            "不久前，敦化市检察院牵头，联合妇联、民政局、残联和镇政府组成救助专班，还请来社会组织负责人，一同上门看望。"
            "专班送去生活必需品，帮她参加手工编织培训，为孩子做心理疏导，并安排好后续帮扶。"
            "\n\n"
            "检察院与市妇联联合印发实施方案，明确五类救助重点对象，两家长期协作，共同梳理救助线索，互相移送、定期会商、共享信息。"
            "\n\n"
            "围绕“一老一小”，检察院对辖区内的养老诈骗案件提前介入，从案件事实、取证要点、侦查方向、追赃挽损等方面提出引导侦查意见。"
            "它投资300万元建起青少年法治教育基地，派出46名检察干警出任法治副校长，通过“线上法治课”“法治进乡村”等形式，"
            "受教育师生达2万人次；未成年被害人可获得法律援助、心理疏导等多元综合救助；"
            "并在民主街道林源社区的巴黎印象小区建起延边州第一个设在小区里的家庭教育指导服务站。"
        ),
        "theme": "justice-for-the-people",
        "region": "222403",
        "institution": "dunhua-procuratorate",
        "tags": ["检护民生", "司法救助", "未成年人保护"],
        "started_on": None,
        "started_precision": "year",
        "featured": True,
        "key_figures": [
            {
                "label": "司法救助重点对象类别",
                "label_en": "Priority groups for judicial assistance",
                "value": Decimal("5"),
                "unit": "类",
                "unit_en": "groups",
                "as_of": date(2024, 8, 30),
                "note": "与市妇联联合签发的实施方案所明确的“五类”重点对象",
                "note_en": "The 'five groups' of the plan issued jointly with the city Women's Federation",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "青少年法治教育基地投入",
                "label_en": "Investment in the youth legal-education centre",
                "value": Decimal("300"),
                "unit": "万元",
                "unit_en": "× 10,000 yuan",
                "as_of": date(2024, 8, 30),
                "note": "建成基地的投入",
                "note_en": "Spent on building the centre",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "担任法治副校长的检察干警",
                "label_en": "Prosecutors serving as vice-principals for rule of law",
                "value": Decimal("46"),
                "unit": "名",
                "unit_en": "prosecutors",
                "as_of": date(2024, 8, 30),
                "note": "采访时",
                "note_en": "At the time of the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "法治教育受教育师生",
                "label_en": "Teachers and pupils reached by legal education",
                "value": Decimal("2"),
                "unit": "万人次",
                "unit_en": "× 10,000 attendances",
                "as_of": date(2024, 8, 30),
                "note": "采访时累计，原文为“2万人次”",
                "note_en": "Cumulative at the time of the interview; the report says '20,000'",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 9
    {
        "slug": "临江行政执法全过程记录",
        "title": "临江行政执法“全过程记录”与“首违不罚”",
        "title_en": "Linjiang: full-process recording of administrative enforcement and no penalty for first offences",
        "summary": (
            "临江市于2023年10月发布行政执法全过程记录实施办法，公布2293项行政裁量权基准和112项“首违不罚”事项，"
            "把8项执法职能交给乡镇（街道），对符合条件的政府信息公开申请全部答复。"
        ),
        "summary_en": (
            "Linjiang published rules on recording the whole enforcement process in October 2023, set out 2,293 "
            "discretion benchmarks and 112 first-offence-no-penalty items, and answers every eligible "
            "information-disclosure request."
        ),
        "body": (
            "2023年10月，临江市出台《临江市行政执法全过程记录实施办法（试行）》。市委政法委（市司法局）副书记侯家富表示，"
            "办法针对的是执法过程中透明度不够、规范性不足的问题，补上了本地行政执法建设的一块空白。"
            "\n\n"
            "近年来，临江完善了行政裁量权基准制度，推行“首违不罚清单”，对包容审慎监管执法的“四张清单”实行动态管理，"
            "落实行政执法“三项制度”和执法责任制。目前，全市各执法部门和乡镇（街道）已梳理并公布了2293项裁量基准，"
            "以及112项“首违不罚”事项。"
            "\n\n"
            "在推进乡镇（街道）一级的综合执法改革时，临江印发指导目录，把8项原由市政府部门行使的执法职能交给乡镇（街道），"
            "以其自身名义开展执法，各乡镇（街道）也都建立了执法责任制。当地还成立专项整治专班，"
            "通过部门自查、公开投诉举报电话、发放调查问卷等方式收集突出问题，2023年共发现问题52个，均已整改到位。"
            "\n\n"
            "2024年以来，临江借助政府网站以及44个政务新媒体账号推行执法“三项制度”，运行全市行政执法平台，"
            "全市三级执法部门之间实现了数据汇聚和共享。当地同时落实政务公开清单管理，群众登录市政府网站即可查阅政务资讯和法规政策，"
            "符合法定条件的依申请公开答复率为100%。"
        ),
        "theme": "rule-of-law-for-development",
        "region": "220681",
        "institution": "linjiang-political-legal-committee",
        "tags": ["行政执法", "首违不罚", "政务公开"],
        "started_on": date(2023, 10, 1),
        "started_precision": "month",
        "featured": False,
        "key_figures": [
            {
                "label": "公布行政裁量权基准",
                "label_en": "Published benchmarks for administrative discretion",
                "value": Decimal("2293"),
                "unit": "项",
                "unit_en": "items",
                "as_of": date(2024, 8, 30),
                "note": "采访时全市各执法部门和乡镇（街道）累计梳理公布",
                "note_en": "Compiled and published by the city's enforcement departments, towns and sub-districts, up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "公布“首违不罚”事项",
                "label_en": "Published items with no penalty for a first offence",
                "value": Decimal("112"),
                "unit": "项",
                "unit_en": "items",
                "as_of": date(2024, 8, 30),
                "note": "采访时累计梳理公布",
                "note_en": "Compiled and published up to the interview",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "赋予乡镇（街道）行使的行政执法职能",
                "label_en": "Enforcement powers devolved to towns and sub-districts",
                "value": Decimal("8"),
                "unit": "项",
                "unit_en": "powers",
                "as_of": date(2024, 8, 30),
                "note": "原由市政府部门行使的县级行政权力事项",
                "note_en": "County-level powers formerly held by city government departments",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "专项整治发现问题",
                "label_en": "Problems found in the special campaign",
                "value": Decimal("52"),
                "unit": "个",
                "unit_en": "problems",
                "as_of": date(2023, 12, 31),
                "note": "2023年，已全部整改完毕",
                "note_en": "2023; all have been put right",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "政务新媒体账号",
                "label_en": "Government social-media accounts",
                "value": Decimal("44"),
                "unit": "个",
                "unit_en": "accounts",
                "as_of": date(2024, 8, 30),
                "note": "2024年以来用于推行行政执法“三项制度”",
                "note_en": "Used since 2024 to promote the three enforcement-transparency rules",
                "baseline_value": None,
                "baseline_on": None,
            },
            {
                "label": "依申请公开政府信息答复率",
                "label_en": "Requests for government information answered",
                "value": Decimal("100"),
                "unit": "%",
                "unit_en": "",
                "as_of": date(2024, 8, 30),
                "note": "符合法定条件的申请",
                "note_en": "Requests that meet the legal conditions",
                "baseline_value": None,
                "baseline_on": None,
            },
        ],
    },
    # 10
    {
        "slug": "敦化法院智慧执行",
        "title": "敦化法院“智慧执行”破解执行难",
        "title_en": "Dunhua Court: smart enforcement of judgments",
        "summary": (
            "敦化市人民法院以智慧法院建设为契机推进“智慧执行”，借助执行指挥管理平台对各节点可视化监管、自动预警，"
            "用“E联办”等平台与联动单位共享信息，并联合金融机构、工商联、政数局等开展信用修复。"
        ),
        "summary_en": (
            "Dunhua People's Court uses an enforcement command platform, 'E Lianban' information sharing and "
            "joint credit-repair work to make the enforcement of judgments more effective."
        ),
        "body": (
            "敦化市人民法院把“智慧法院”建设当作契机，着力推进“智慧执行”，为化解执行难找到新路子。"
            "在一起复杂的财产纠纷案件中，由于被执行人有哪些财产一时查不清，常规查控办法难以见效，执行一度陷入停滞；"
            "执行局调用执行指挥管理平台，让案件重新推进，当事人为此点赞。"
            "\n\n"
            "近年来，法院用科技和信息化手段完善执行运行机制，对执行全过程实施监管：通过执行指挥管理平台，"
            "每个节点都能可视化动态监管，并自动预警。法院还改变由一人包办一案到底的老办法，为恢复执行案件建立了新的办案模式。"
            "\n\n"
            "依托“E联办”等平台，法院与市内多家联动单位打通信息共享渠道，实现“一网覆盖”的全面布控、“一键到位”的执行联动，"
            "以及“一网联办”的协作事项。借助府院联动机制，法院与金融机构、工商联、政数局等共同开展信用修复和诚信激励，"
            "用“负面清单”约束失信人，追求“执行一案、治理一片”的效果。"
            "\n\n"
            "法院还尝试把智慧执行与多元解纷结合起来，与行业协会、社会组织等协作，依靠信息化手段共享信息、协同工作；"
            "同时运用大数据分析深入挖掘执行案件，为改进执行策略、提高执行效果提供支撑。"
        ),
        "theme": "digital-empowerment",
        "region": "222403",
        "institution": "dunhua-court",
        "tags": ["智慧执行", "信用修复", "智慧法院"],
        "started_on": None,
        "started_precision": "year",
        "featured": False,
        "key_figures": [],
    },
]
