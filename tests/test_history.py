"""History: revisions with inlines and tags, readable diffs, restore, recovery, permissions and audit."""

import json
import re
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from practices.editorial.history import Snapshot, case_versions, compare
from practices.models import Practice, ReviewComment
from tests import factories
from tests.admin_forms import read_form

WHOLE_SECOND = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(Z|[+-]\d\d:\d\d)")

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def case():
    """A draft with an image, a key figure, a source and two tags."""
    case = factories.practice(status=factories.Practice.Status.DRAFT, approach="第一稿正文。", tags=["调解", "网格"])
    factories.practice_image(case, alt_text="调解室", is_cover=True)
    factories.key_figure(case, label="办结率", value="99.84")
    factories.source(case, title="吉林行采访活动掠影")
    return case


def edit(client, case, **changes):
    """Open the case's change form and save it with `changes`, as an editor in a browser would."""
    data = read_form(client.get(url("change", case.pk))) | changes
    response = client.post(url("change", case.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    return response


def second_draft(client, case):
    """Save a second state: new body, tags changed, figure changed, source deleted."""
    edit(
        client,
        case,
        approach="第二稿正文，补充了数据。",
        tags="调解，枫桥经验",
        **{"key_figures-0-value": "100", "sources-0-DELETE": "on"},
    )


def test_every_save_keeps_a_revision_of_the_case_with_its_inlines_and_tags(client, case):
    editor = factories.editor(username="xiaoli")
    client.force_login(editor)
    second_draft(client, case)
    versions = list(case_versions(case.pk))
    assert len(versions) == 2  # the state first opened, and the save
    latest = versions[0]
    assert latest.revision.user == editor
    kept = {v.content_type.model for v in latest.revision.version_set.all()}
    assert {"practice", "practiceimage", "keyfigure", "taggedpractice"} <= kept
    assert "source" not in kept  # deleted in this save

    history = client.get(url("history", case.pk)).content.decode()
    assert "xiaoli" in history and "比较所选版本" in history


def test_diff_between_two_revisions_reads_field_by_field(client, case):
    client.force_login(factories.editor())
    second_draft(client, case)
    newer, older = case_versions(case.pk)[:2]
    page = client.get(url("compare", case.pk), {"from": older.pk, "to": newer.pk}).content.decode()
    assert "正文" in page and "<ins>，补充了数据</ins>" in page
    assert "网格，调解" in page and "枫桥经验，调解" in page
    assert "数值：99.84" in page and "数值：100" in page
    assert "吉林行采访活动掠影" in page  # the deleted source

    current = client.get(url("compare", case.pk), {"from": newer.pk, "to": "current"}).content.decode()
    assert "两个版本的内容相同" in current


def test_comparing_a_version_of_another_case_is_refused_with_a_message(client, case):
    other = factories.practice()
    client.force_login(factories.editor())
    client.get(url("change", other.pk))
    foreign = case_versions(other.pk).first()
    response = client.get(url("compare", case.pk), {"from": foreign.pk, "to": "x1"}, follow=True)
    assert "找不到要比较的版本" in response.content.decode()


def test_restore_a_revision_brings_back_inlines_and_tags(client, case):
    client.force_login(factories.editor())
    second_draft(client, case)
    factories.key_figure(case, label="后来加的指标", value="7")
    first = case_versions(case.pk).last()

    preview = client.get(url("revision", case.pk, first.pk))
    assert "第一稿正文。" in preview.content.decode()
    case.refresh_from_db()
    assert case.approach == "第二稿正文，补充了数据。"  # looking at an old version changes nothing

    response = client.post(url("revision", case.pk, first.pk), read_form(preview))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.approach == "第一稿正文。"
    assert sorted(case.tags.names()) == ["网格", "调解"]
    assert [f.value_display for f in case.key_figures.all()] == ["99.84"]
    assert [s.title for s in case.sources.all()] == ["吉林行采访活动掠影"]
    assert case.images.get().alt_text == "调解室"
    assert case.version == 3
    assert LogEntry.objects.filter(object_id=str(case.pk), change_message__startswith="恢复为").exists()


def test_restore_from_a_stale_page_is_refused_like_any_stale_save(client, case):
    client.force_login(factories.editor())
    second_draft(client, case)
    first = case_versions(case.pk).last()
    preview = client.get(url("revision", case.pk, first.pk))
    edit(client, case, title="与此同时改了标题")
    response = client.post(url("revision", case.pk, first.pk), read_form(preview))
    assert response.status_code == 200
    assert "没有保存" in response.content.decode()
    case.refresh_from_db()
    assert case.title == "与此同时改了标题"


def test_a_deleted_case_can_be_recovered_with_everything_it_had(client, case):
    ReviewComment.objects.create(practice=case, action="submit", text="请审核")
    reviewer = factories.reviewer()
    client.force_login(reviewer)
    client.post(url("delete", case.pk), {"post": "yes"})
    assert not Practice.objects.filter(pk=case.pk).exists()
    assert LogEntry.objects.filter(object_id=str(case.pk), action_flag=3).exists()

    recover_list = client.get(url("recoverlist")).content.decode()
    assert case.title in recover_list
    deleted = Version.objects.get_deleted(Practice).get()
    form = client.get(url("recover", deleted.pk))
    response = client.post(url("recover", deleted.pk), read_form(form))
    assert response.status_code == 302

    recovered = Practice.objects.get(pk=case.pk)
    assert recovered.title == case.title
    assert sorted(recovered.tags.names()) == ["网格", "调解"]
    assert recovered.images.count() == recovered.key_figures.count() == recovered.sources.count() == 1
    assert recovered.review_comments.get().text == "请审核"
    assert LogEntry.objects.filter(object_id=str(case.pk), change_message="恢复已删除的案例").exists()


def test_cases_deleted_together_are_recovered_one_by_one(client):
    first, second = factories.practice(title="甲案例"), factories.practice(title="乙案例")
    client.force_login(factories.reviewer())
    client.post(
        url("changelist"), {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"}
    )
    assert not Practice.objects.exists()
    version = Version.objects.get_deleted(Practice).get(object_id=str(first.pk))
    client.post(url("recover", version.pk), read_form(client.get(url("recover", version.pk))))
    assert list(Practice.objects.values_list("title", flat=True)) == ["甲案例"]


def test_bulk_actions_keep_one_revision_per_case(client):
    cases = [factories.practice(status=Practice.Status.REVIEW) for _ in range(2)]
    client.force_login(factories.reviewer())
    client.post(url("changelist"), {"action": "publish", "_selected_action": [c.pk for c in cases]})
    revisions = Revision.objects.filter(version__object_id__in=[str(c.pk) for c in cases]).distinct()
    assert revisions.count() == 2


def test_editor_cannot_restore_a_published_case_but_a_reviewer_can(client, case):
    client.force_login(factories.editor())
    second_draft(client, case)
    first = case_versions(case.pk).last()
    Practice.objects.filter(pk=case.pk).update(status=Practice.Status.PUBLISHED)

    refused = client.get(url("revision", case.pk, first.pk), follow=True)
    assert "只有审核人可以恢复" in refused.content.decode()
    client.post(url("revision", case.pk, first.pk), {"title": "x"})
    case.refresh_from_db()
    assert case.approach == "第二稿正文，补充了数据。"

    client.force_login(factories.reviewer())
    preview = client.get(url("revision", case.pk, first.pk))
    client.post(url("revision", case.pk, first.pk), read_form(preview))
    case.refresh_from_db()
    assert case.approach == "第一稿正文。"


def test_editor_cannot_restore_a_published_version_onto_a_draft(client):
    case = factories.practice(approach="公开过的正文")
    client.force_login(factories.reviewer())
    client.get(url("change", case.pk))  # the published state becomes the first version
    client.post(url("changelist"), {"action": "unpublish", "_selected_action": [case.pk]})
    published_version = case_versions(case.pk).last()

    client.force_login(factories.editor())
    refused = client.get(url("revision", case.pk, published_version.pk), follow=True)
    assert "恢复后会直接公开" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Practice.Status.DRAFT


def test_editor_cannot_recover_a_deleted_published_case(client):
    case = factories.practice()
    client.force_login(factories.reviewer())
    client.post(url("delete", case.pk), {"post": "yes"})
    deleted = Version.objects.get_deleted(Practice).get()
    client.force_login(factories.editor())
    refused = client.post(url("recover", deleted.pk), {"title": "x"}, follow=True)
    assert "只有审核人可以恢复" in refused.content.decode()
    assert not Practice.objects.exists()


def test_audit_log_shows_reviewers_publish_unpublish_delete_and_restore(client, case):
    reviewer = factories.reviewer(username="shenhe")
    client.force_login(reviewer)
    second_draft(client, case)
    client.post(url("changelist"), {"action": "publish", "_selected_action": [case.pk]})
    client.post(url("changelist"), {"action": "unpublish", "_selected_action": [case.pk]})
    first = case_versions(case.pk).last()
    client.post(url("revision", case.pk, first.pk), read_form(client.get(url("revision", case.pk, first.pk))))
    client.post(url("delete", case.pk), {"post": "yes"})

    audit = client.get(reverse("admin:admin_logentry_changelist")).content.decode()
    for step in ("发布", "撤回发布", "恢复为", "删除"):
        assert step in audit
    assert "shenhe" in audit

    client.force_login(factories.editor())
    assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 403


# Transactional: PostgreSQL cannot TRUNCATE (flush) inside the test's transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dumpdata_and_loaddata_round_trip_the_whole_site(client, case, tmp_path):
    """A backup restores everything: cases, inlines, tags, users, roles, revisions, the audit log."""
    reviewer = factories.reviewer()
    client.force_login(reviewer)
    second_draft(client, case)
    client.post(url("review", case.pk), {"action": "comment", "text": "看过了", "base_version": case.version})
    # Within a millisecond of a whole second: Django's JSON writes it "…:15.000Z" and, loaded back
    # (milliseconds are all it keeps), "…:15Z". The same instant, which a backup must not be failed for.
    ReviewComment.objects.update(created_at=timezone.now().replace(microsecond=400))

    def dump():
        out = StringIO()
        call_command("dumpdata", natural_foreign=True, stdout=out)
        rows = json.loads(out.getvalue())
        for row in rows:
            for name, value in row["fields"].items():
                if isinstance(value, str) and (whole_second := WHOLE_SECOND.fullmatch(value)):
                    row["fields"][name] = f"{whole_second[1]}.000{whole_second[2]}"
        return rows

    before = dump()
    assert {"practices.practice", "practices.keyfigure", "reversion.version", "admin.logentry", "taggit.tag"} <= {
        row["model"] for row in before
    }
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    # Empty every table, content types included, as on a fresh server; the backup brings all back.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not Practice.objects.exists() and not Group.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)
    assert dump() == before
    restored = Practice.objects.get(pk=case.pk)
    assert restored.approach == "第二稿正文，补充了数据。" and sorted(restored.tags.names()) == ["枫桥经验", "调解"]


def test_diff_ignores_line_endings_and_shortens_long_unchanged_text():
    body = "甲" * 300 + "\n\n" + "乙" * 300
    old = Snapshot(fields={"approach": body.replace("\n", "\r\n")}, tags=[])
    same = Snapshot(fields={"approach": body}, tags=[])
    assert compare(old, same) == []

    edited = Snapshot(fields={"approach": body + "丙"}, tags=[])
    (change,) = compare(same, edited)
    shown = "".join(text for _kind, text in change.edits)
    assert ("added", "丙") in change.edits and len(shown) < 100


def test_a_long_text_is_compared_by_sentence_then_by_character_inside_the_changed_ones():
    sentences = [f"第{n}句讲网格员如何走访群众、调解矛盾。" for n in range(3000)]
    before = "\n".join(sentences)
    after = "\n".join(sentences[:1500] + ["第1500句讲调解员如何走访群众、调解矛盾。"] + sentences[1501:])
    assert len(before) > 50_000
    (change,) = compare(Snapshot(fields={"approach": before}, tags=[]), Snapshot(fields={"approach": after}, tags=[]))
    changed = [(kind, text) for kind, text in change.edits if kind != "same"]
    assert changed == [("removed", "网格"), ("added", "调解")]
    assert sum(len(text) for _kind, text in change.edits) < 200


def test_a_rewritten_long_text_shows_as_removed_and_added_whole():
    before = "网格员走访群众。" * 7000
    after = "调解员化解矛盾！" * 7000
    (change,) = compare(Snapshot(fields={"approach": before}, tags=[]), Snapshot(fields={"approach": after}, tags=[]))
    assert change.edits == [("removed", before), ("added", after)]
