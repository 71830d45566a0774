"""Synthetic cases for benchmarks and tests at scale: varied Chinese text from a domain word list.

Reproducible: the same seed gives the same cases.
"""

import random
from collections import Counter
from datetime import date, timedelta

from django.db import transaction

PLACES = ["街道", "社区", "村", "镇", "县", "区", "市", "乡", "开发区", "林区"]
SUBJECTS = [
    "矛盾纠纷",
    "调解",
    "网格",
    "综治中心",
    "派出所",
    "人民法庭",
    "检察院",
    "司法所",
    "律师",
    "志愿者",
    "诉讼服务",
    "电子送达",
    "执行",
    "信访",
    "法律援助",
    "公证",
    "仲裁",
    "社区矫正",
    "普法",
    "未成年人",
    "老年人",
    "农民工",
    "劳动争议",
    "物业纠纷",
    "婚姻家庭",
    "邻里纠纷",
    "道路交通",
    "消费维权",
    "环境保护",
    "食品安全",
    "安全生产",
    "电信诈骗",
    "禁毒",
    "反诈",
    "治安",
    "巡逻",
    "警务",
    "数据",
    "平台",
    "热线",
    "大数据",
    "智慧法院",
    "在线调解",
    "巡回审判",
    "司法确认",
    "诉前鉴定",
    "信用修复",
    "行政执法",
    "政务公开",
    "营商环境",
    "知识产权",
    "企业",
    "乡村振兴",
    "民族团结",
    "边境",
    "旅游",
    "直播",
    "法官",
    "检察官",
    "民警",
]
VERBS = [
    "建立",
    "推行",
    "完善",
    "探索",
    "创新",
    "整合",
    "联动",
    "下沉",
    "覆盖",
    "优化",
    "规范",
    "打造",
    "推动",
    "深化",
    "拓展",
    "提升",
    "落实",
    "健全",
    "构建",
    "畅通",
]
OBJECTS = [
    "工作机制",
    "服务窗口",
    "联席会议",
    "工作室",
    "服务队",
    "快速反应体系",
    "一站式平台",
    "协作机制",
    "流程",
    "台账",
    "考核办法",
    "培训",
    "宣传",
    "回访制度",
    "预警系统",
    "指挥中心",
    "服务站",
    "调解室",
]
RESULTS = [
    "群众满意度明显提高",
    "办理时间大幅缩短",
    "纠纷化解在基层",
    "案件数量同比下降",
    "服务更加便捷",
    "信息共享更加顺畅",
    "基层力量得到加强",
    "法治意识不断增强",
    "风险隐患及早发现",
    "办案质效稳步提升",
]
TAGS = [
    "枫桥经验",
    "矛盾纠纷化解",
    "社区警务",
    "网格化治理",
    "诉前调解",
    "司法确认",
    "诉讼服务",
    "智慧法院",
    "司法救助",
    "未成年人保护",
    "行政执法",
    "政务公开",
    "智慧执行",
    "信用修复",
    "法律援助",
    "普法宣传",
    "反诈",
    "营商环境",
    "乡村治理",
    "在线调解",
]
LATIN = ["online", "platform", "mediation", "court", "police", "grid", "data", "service", "justice", "reform"]


def _sentence(rng):
    return (
        f"{rng.choice(SUBJECTS)}{rng.choice(PLACES)}{rng.choice(VERBS)}{rng.choice(SUBJECTS)}"
        f"{rng.choice(OBJECTS)}，{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}，"
        f"{rng.choice(RESULTS)}。"
    )


def synthetic_case(rng):
    """A dict of the text fields of one synthetic case."""
    title = f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{rng.choice(SUBJECTS)}{rng.choice(OBJECTS)}"
    summary = "".join(_sentence(rng) for _ in range(2))
    background = "".join(_sentence(rng) for _ in range(rng.randint(2, 3)))
    approach = "\n\n".join("".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3)))
    results = "".join(_sentence(rng) for _ in range(rng.randint(1, 2)))
    if rng.random() < 0.2:
        approach += f"\n\n{rng.choice(LATIN)} {rng.choice(LATIN)}"
    return {
        "title": title,
        "title_en": f"Synthetic case: {rng.choice(LATIN)} {rng.choice(LATIN)}",
        "summary": summary,
        "background": background,
        "approach": approach,
        "results": results,
        "started_on": date(2015, 1, 1) + timedelta(days=rng.randint(0, 3650)),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
    }


def rng_for(seed):
    return random.Random(seed)


def insert_cases(cases, case_tags, tags):
    """Bulk-insert unsaved Practice rows and their tag links in one transaction; returns them with ids.

    `case_tags[i]` names the tags of `cases[i]`; `tags` maps those names to Tag rows. bulk_create sends
    no signals: callers index the cases for search (the querysets tell the page cache); the stored facet
    counts are added here, in the same transaction.
    """
    from practices.models import Practice, TaggedPractice
    from practices.public import facet_counts

    with transaction.atomic():
        Practice.assign_public_ids(cases)  # bulk_create bypasses save(), which assigns them one by one
        created = Practice.objects.bulk_create(cases)
        if created and created[0].pk is None:  # backends without RETURNING
            ids = dict(Practice.objects.filter(slug__in=[p.slug for p in cases]).values_list("slug", "pk"))
            for p in created:
                p.pk = ids[p.slug]
        TaggedPractice.objects.bulk_create(
            TaggedPractice(content_object_id=p.pk, tag=tags[name])
            for p, names in zip(created, case_tags, strict=True)
            for name in names
        )
        facet_counts.apply(
            Counter(
                key
                for p, names in zip(created, case_tags, strict=True)
                if p.status == Practice.Status.PUBLISHED and p.published_at is not None
                for key in facet_counts.case_keys(
                    p.theme_id,
                    p.region_id,
                    p.institution_id,
                    p.started_on,
                    p.stage,
                    p.level,
                    [tags[name].pk for name in names],
                )
            )
        )
    return created
