"""Similar cases that say why: ranked by the words their texts share (BM25 weights over jieba words,
kept in CaseTerm) plus shared tags, theme, institution kind and province; each with its reasons.

The ranking is worked out when a case is saved (and by `manage.py refresh_similar_cases`) and kept in
SimilarCase, so a case page reads its list with one small query. Candidates are published cases only,
and the page reads only those still public, so an unpublished case never shows.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from practices.models import SECTIONS, CaseTerm, Practice, SimilarCase, TaggedPractice
from practices.search import tokenize

SIMILAR_LIMIT = 5
TERMS_PER_CASE = 24
# Candidates read per case: the cases sharing the most term weight, the most tags, or the institution.
# Candidates by text: for each of the case's words, the cases where it weighs most (an index range
# each). Summing every posting of every word instead took 2.4 s a case at 100,000 cases.
POSTINGS_PER_TERM = 40
TAG_CANDIDATES = 100
# BM25's constants, and a typical case's length in words for its length normalisation.
K1, B, AVERAGE_WORDS = 1.2, 0.75, 300
# Words too common in this domain to say anything about a case, whatever their counts.
STOPWORDS = frozenset(
    {
        "我们",
        "他们",
        "工作",
        "进行",
        "开展",
        "通过",
        "实现",
        "群众",
        "以及",
        "同时",
        "一个",
        "一些",
        "这些",
        "相关",
        "有关",
        "方面",
        "问题",
        "情况",
        "已经",
        "目前",
        "其中",
        "可以",
        "没有",
        "就是",
        "还有",
        "不少",
        "作为",
        "为了",
        "提供",
        "推进",
        "推动",
        "加强",
        "建立",
        "形成",
        "得到",
        "成为",
        "采访",
    }
)
# How much each kind of evidence counts; the text share is 0–1 (the shared part of the case's own weight).
TEXT_WEIGHT = 4.0
TAG_WEIGHT = 1.5
THEME_WEIGHT = 1.0
KIND_WEIGHT = 0.75
PROVINCE_WEIGHT = 0.75
SHOWN_TERMS = 3


def case_text(practice):
    """Title, summary and every section's Chinese text."""
    return "\n".join([practice.title, practice.summary, *(getattr(practice, s.field) for s in SECTIONS)])


def term_counts(text):
    """How often each word of two or more characters occurs (jieba, precise mode), stopwords left out."""
    words = tokenize.segmenter().cut(tokenize.normalise(text), HMM=False)
    return Counter(w for w in words if len(w) >= 2 and len(w) <= 40 and tokenize.TOKEN.match(w) and w not in STOPWORDS)


def weigh_terms(practices, frequency=None, total=None):
    """(Re)compute the CaseTerm rows of `practices`: each case's TERMS_PER_CASE words of highest BM25 weight.

    Document frequencies (`frequency`, out of `total` cases) come from the table itself unless given
    (refresh_similar_cases estimates them from a sample of the library); a word not seen counts as rare.
    """
    counts = {p.pk: term_counts(case_text(p)) for p in practices}
    if frequency is None:
        vocabulary = {term for c in counts.values() for term in c}
        total = Practice.objects.count()
        frequency = dict(
            CaseTerm.objects.filter(term__in=vocabulary)
            .exclude(practice__in=counts.keys())
            .values("term")
            .annotate(n=Count("pk"))
            .values_list("term", "n")
        )
    rows = []
    for pk, words in counts.items():
        length = sum(words.values()) or 1
        weights = {}
        for term, tf in words.items():
            df = min(frequency.get(term, 0) + 1, total)
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            weights[term] = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / AVERAGE_WORDS))
        top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_CASE]
        rows += [CaseTerm(practice_id=pk, term=term, weight=weight) for term, weight in top]
    with transaction.atomic():
        CaseTerm.objects.filter(practice__in=counts.keys()).delete()
        CaseTerm.objects.bulk_create(rows, batch_size=2000)


@dataclass
class _Profile:
    """What the reasons compare: a case's tags, theme, institution kind and province."""

    tags: set
    theme_id: int
    kind: str
    province: str


def _profiles(ids):
    rows = Practice.objects.filter(pk__in=ids).values_list("pk", "theme_id", "institution__kind", "region_id")
    tags = defaultdict(set)
    for pk, name in TaggedPractice.objects.filter(content_object__in=ids).values_list("content_object", "tag__name"):
        tags[pk].add(name)
    return {pk: _Profile(tags[pk], theme, kind or "", (code or "")[:2]) for pk, theme, kind, code in rows}


def rank_similar(practice):
    """The SIMILAR_LIMIT published cases most like `practice`: [(case id, score, shared terms)]."""
    own = dict(CaseTerm.objects.filter(practice=practice).values_list("term", "weight"))
    published = Practice.objects.published().exclude(pk=practice.pk)
    candidates = set()
    if own:
        for term in own:
            postings = CaseTerm.objects.filter(term=term).exclude(practice=practice.pk).order_by("-weight")
            candidates.update(postings.values_list("practice", flat=True)[:POSTINGS_PER_TERM])
    tag_ids = list(TaggedPractice.objects.filter(content_object=practice.pk).values_list("tag", flat=True))
    if tag_ids:
        tag_rows = (
            TaggedPractice.objects.filter(tag__in=tag_ids, content_object__in=published.values("pk"))
            .values("content_object")
            .annotate(n=Count("pk"))
            .order_by("-n")[:TAG_CANDIDATES]
        )
        candidates |= {row["content_object"] for row in tag_rows}
    if practice.institution_id:
        candidates |= set(published.filter(institution=practice.institution_id).values_list("pk", flat=True)[:50])
    candidates = set(published.filter(pk__in=candidates).values_list("pk", flat=True))
    if not candidates:
        return []
    terms = defaultdict(dict)
    for pk, term in CaseTerm.objects.filter(practice__in=candidates, term__in=own).values_list("practice", "term"):
        terms[pk][term] = True
    profiles = _profiles([practice.pk, *candidates])
    mine = profiles[practice.pk]
    own_total = sum(own.values()) or 1.0
    scored = []
    for pk in candidates:
        theirs = profiles[pk]
        shared = terms.get(pk, {})
        # The share of this case's own word weight that the other case's words cover (BM25 with this
        # case's distinctive words as the query).
        text = sum(own[t] for t in shared) / own_total
        score = TEXT_WEIGHT * text + TAG_WEIGHT * len(mine.tags & theirs.tags)
        score += THEME_WEIGHT * (mine.theme_id == theirs.theme_id)
        score += KIND_WEIGHT * bool(mine.kind and mine.kind == theirs.kind)
        score += PROVINCE_WEIGHT * (mine.province == theirs.province)
        top_terms = sorted(shared, key=lambda t: (-own[t], t))
        scored.append((score, pk, top_terms[:SHOWN_TERMS]))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return [(pk, score, terms_) for score, pk, terms_ in scored[:SIMILAR_LIMIT] if score > 0]


def refresh(practice):
    """Store the similar cases of `practice` (its terms must be current)."""
    ranked = rank_similar(practice)
    with transaction.atomic():
        SimilarCase.objects.filter(practice=practice).delete()
        SimilarCase.objects.bulk_create(
            SimilarCase(practice=practice, other_id=pk, rank=n, score=score, shared_terms=terms)
            for n, (pk, score, terms) in enumerate(ranked)
        )
    return [pk for pk, _score, _terms in ranked]


def case_saved(practice):
    """After a save: the case's words, its list, and the lists of the cases it is now similar to."""
    weigh_terms([practice])
    for pk in refresh(practice):
        other = Practice.objects.filter(pk=pk).first()
        if other is not None:
            refresh(other)


@dataclass
class Similar:
    """A similar case as the page shows it, with why."""

    practice: Practice
    reasons: list


def similar_cases(practice, limit=SIMILAR_LIMIT):
    """The stored similar cases of `practice` that are public now, each with its reasons (4 queries)."""
    links = list(
        SimilarCase.objects.filter(practice=practice, other__in=Practice.objects.published().values("pk"))
        .order_by("rank")
        .values_list("other_id", "shared_terms")[:limit]
    )
    if not links:
        return []
    by_id = {case.pk: case for case in Practice.objects.filter(pk__in=[pk for pk, _t in links]).with_list_related()}
    mine = {tag.name for tag in practice.shown_tags}
    result = []
    for pk, terms in links:
        case = by_id.get(pk)
        if case is not None:
            result.append(Similar(case, reasons(practice, case, mine, terms)))
    return result


def reasons(practice, other, own_tags, shared_terms):
    """Why `other` is like `practice`, e.g. ["共同标签：枫桥经验、调解", "同为法院", "同在吉林省"]."""
    found = []
    shared_tags = sorted(own_tags & {tag.name for tag in other.shown_tags})
    if shared_tags:
        found.append(_("共同标签：%(tags)s") % {"tags": "、".join(shared_tags)})
    if shared_terms:
        found.append(_("内容相近：%(words)s") % {"words": "、".join(shared_terms)})
    if practice.theme_id == other.theme_id:
        found.append(_("同属“%(theme)s”") % {"theme": practice.theme.display_name})
    if practice.institution_id and other.institution_id and practice.institution.kind == other.institution.kind:
        found.append(_("同为%(kind)s") % {"kind": practice.institution.get_kind_display()})
    province = practice.region.ancestors()[0] if practice.region.parent_id else practice.region
    if other.region_id[:2] == practice.region_id[:2]:
        found.append(_("同在%(province)s") % {"province": province.display_name})
    return found
