"""Editorial workflow: no lost updates, the review conversation, the dashboard and scheduled publishing."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practices.models import Practice, ReviewComment
from practices.public.filters import CaseFilter
from practices.search.query import search
from tests import factories
from tests.admin_forms import read_form

pytestmark = pytest.mark.django_db


def change_url(case):
    return reverse("admin:practices_practice_change", args=[case.pk])


def review_url(case):
    return reverse("admin:practices_practice_review", args=[case.pk])


@pytest.fixture
def draft():
    return factories.practice(status=Practice.Status.DRAFT, title="网格化调解", approach="原来的正文。", tags=["调解"])


# No lost updates.


def test_second_save_of_a_stale_form_is_refused_showing_what_changed_and_keeping_the_input(client, draft):
    first, second = factories.editor(username="first"), factories.editor(username="second")
    client.force_login(first)
    form_of_first = read_form(client.get(change_url(draft)))
    client.force_login(second)
    form_of_second = read_form(client.get(change_url(draft)))

    client.force_login(first)
    saved = client.post(change_url(draft), form_of_first | {"approach": "第一位编辑改过的正文。"})
    assert saved.status_code == 302

    client.force_login(second)
    refused = client.post(change_url(draft), form_of_second | {"title": "第二位编辑的新标题"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "没有保存：你打开此页面后，first" in html
    assert "期间的改动" in html and "第一位编辑" in html  # the other edit, as a diff
    assert 'value="第二位编辑的新标题"' in html  # what the second editor typed is still there
    draft.refresh_from_db()
    assert draft.title == "网格化调解" and draft.approach == "第一位编辑改过的正文。"
    assert draft.version == 2

    # Having seen the changes, the second editor saves again from the same page: accepted.
    again = client.post(change_url(draft), read_form(refused))
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "第二位编辑的新标题" and draft.version == 3


def test_a_change_form_without_its_version_is_refused(client, draft):
    client.force_login(factories.editor())
    data = read_form(client.get(change_url(draft)))
    del data["base_version"]
    response = client.post(change_url(draft), data | {"title": "没有版本号"})
    assert response.status_code == 200
    assert "表单缺少版本号" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "网格化调解"


def test_a_review_step_taken_meanwhile_makes_an_open_form_stale(client, draft):
    editor = factories.editor()
    client.force_login(editor)
    open_form = read_form(client.get(change_url(draft)))
    client.post(review_url(draft), {"action": "submit", "text": "请审核", "base_version": draft.version})
    response = client.post(change_url(draft), open_form | {"status": "draft"})
    assert response.status_code == 200
    assert "没有保存" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Practice.Status.REVIEW


# Review conversation.


def test_editor_submits_with_a_note_and_the_conversation_shows_on_the_case_page(client, draft):
    client.force_login(factories.editor(username="xiaowang"))
    response = client.post(review_url(draft), {"action": "submit", "text": "数据已核对", "base_version": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Practice.Status.REVIEW
    page = client.get(change_url(draft)).content.decode()
    assert "提交审核" in page and "数据已核对" in page and "xiaowang" in page


def test_reviewer_sends_back_with_a_comment_and_the_comment_is_required(client):
    case = factories.practice(status=Practice.Status.REVIEW)
    client.force_login(factories.reviewer())
    refused = client.post(review_url(case), {"action": "return", "text": " ", "base_version": case.version})
    assert refused.status_code == 200
    assert "请写下意见" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == Practice.Status.REVIEW

    client.post(review_url(case), {"action": "return", "text": "请补充数据来源", "base_version": case.version})
    case.refresh_from_db()
    assert case.status == Practice.Status.DRAFT
    assert case.review_comments.get().text == "请补充数据来源"


def test_reviewer_publishes_from_the_panel_and_the_step_is_audited(client):
    from django.contrib.admin.models import LogEntry

    case = factories.practice(status=Practice.Status.REVIEW)
    reviewer = factories.reviewer()
    client.force_login(reviewer)
    client.post(review_url(case), {"action": "publish", "text": "", "base_version": case.version})
    case.refresh_from_db()
    assert case.is_public
    assert ReviewComment.objects.filter(practice=case, action="publish", author=reviewer).exists()
    assert LogEntry.objects.filter(object_id=str(case.pk), user=reviewer, change_message="发布").exists()


def test_publishing_by_changing_the_status_in_the_form_is_in_the_conversation_and_the_audit(client):
    from django.contrib.admin.models import LogEntry

    case = factories.practice(status=Practice.Status.REVIEW)
    client.force_login(factories.reviewer())
    response = client.post(change_url(case), read_form(client.get(change_url(case))) | {"status": "published"})
    assert response.status_code == 302
    comment = case.review_comments.get()
    assert comment.action == ReviewComment.Action.PUBLISH and "已发布" in comment.text
    assert LogEntry.objects.filter(object_id=str(case.pk), change_message__contains="已发布").exists()


def test_editor_cannot_publish_through_the_review_panel(client):
    case = factories.practice(status=Practice.Status.REVIEW)
    client.force_login(factories.editor())
    page = client.get(change_url(case)).content.decode()
    assert 'value="publish"' not in page
    response = client.post(review_url(case), {"action": "publish", "base_version": case.version})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Practice.Status.REVIEW


def test_publishing_a_case_the_reviewer_has_not_seen_is_refused(client, draft):
    seen = draft.version
    draft.approach = "审核人没看到的改动"
    draft.version += 1
    draft.save()
    client.force_login(factories.reviewer())
    response = client.post(review_url(draft), {"action": "publish", "text": "好", "base_version": seen})
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有保存" in html and "好</textarea>" in html  # the note typed is still in the form
    draft.refresh_from_db()
    assert draft.status == Practice.Status.DRAFT


def test_publishing_without_a_summary_is_refused_with_a_message(client):
    case = factories.practice(status=Practice.Status.REVIEW, summary="")
    client.force_login(factories.reviewer())
    response = client.post(review_url(case), {"action": "publish", "base_version": case.version})
    assert "发布前请填写摘要" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Practice.Status.REVIEW


def test_bad_review_input_gets_a_message_not_an_error(client, draft):
    client.force_login(factories.reviewer())
    response = client.post(review_url(draft), {"action": "explode", "base_version": "abc"})
    assert response.status_code == 200
    assert review_url(draft) in response.content.decode()


def test_dashboard_shows_waiting_my_drafts_and_recently_published(client, django_assert_max_num_queries):
    editor = factories.editor()
    factories.practice(status=Practice.Status.REVIEW, title="等着审核的案例")
    factories.practice(status=Practice.Status.DRAFT, title="我写的草稿", created_by=editor)
    factories.practice(status=Practice.Status.DRAFT, title="别人的草稿")
    factories.practice(title="刚发布的案例")
    factories.practice(title="明天公开的案例", published_at=timezone.now() + timezone.timedelta(days=1))
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("admin:index")).content.decode()
    assert "等着审核的案例" in page and "我写的草稿" in page and "刚发布的案例" in page
    assert "别人的草稿" not in page
    assert "定时" in page  # the scheduled case is marked as such


# Scheduled publishing.


@pytest.fixture
def frozen_now(monkeypatch):
    """Set the clock that `published()` reads; returns a setter."""
    moment = {"now": timezone.now()}
    monkeypatch.setattr(timezone, "now", lambda: moment["now"])

    def set_now(value):
        moment["now"] = value

    return set_now


def test_scheduled_case_is_invisible_everywhere_until_its_time_then_visible(client, frozen_now):
    start = timezone.now()
    case = factories.practice(title="定时公开的案例", published_at=start + timezone.timedelta(hours=2))

    frozen_now(start + timezone.timedelta(hours=1, minutes=59))
    assert case not in Practice.objects.published()
    assert client.get(case.get_absolute_url()).status_code == 404
    assert "定时公开的案例" not in client.get(case.theme.get_absolute_url()).content.decode()
    assert case not in search(Practice.objects.published(), "定时公开")
    assert case not in CaseFilter.from_params(QueryDict()).queryset()

    frozen_now(start + timezone.timedelta(hours=2))
    assert case in Practice.objects.published()
    assert client.get(case.get_absolute_url()).status_code == 200
    assert "定时公开的案例" in client.get(case.theme.get_absolute_url()).content.decode()
    assert case in search(Practice.objects.published(), "定时公开")
    assert case in CaseFilter.from_params(QueryDict()).queryset()


def test_reviewer_schedules_publication_from_the_panel(client, frozen_now):
    start = timezone.now().replace(second=0, microsecond=0)
    frozen_now(start)
    case = factories.practice(status=Practice.Status.REVIEW)
    later = timezone.localtime(start + timezone.timedelta(days=1))
    client.force_login(factories.reviewer())
    client.post(
        review_url(case),
        {"action": "publish", "publish_at": later.strftime("%Y-%m-%dT%H:%M"), "base_version": case.version},
    )
    case.refresh_from_db()
    assert case.status == Practice.Status.PUBLISHED and case.published_at == later
    assert case not in Practice.objects.published()
    frozen_now(later)
    assert case in Practice.objects.published()


def test_publishing_now_overrides_a_schedule_left_from_before(client):
    case = factories.practice(status=Practice.Status.REVIEW, published_at=timezone.now() + timezone.timedelta(days=3))
    client.force_login(factories.reviewer())
    client.post(review_url(case), {"action": "publish", "publish_at": "", "base_version": case.version})
    case.refresh_from_db()
    assert case.is_public


# Two connections at once (PostgreSQL: SQLite has no row locks to test).

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between two connections need PostgreSQL"
)
concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _post_in_thread(user, url, data, results, key, start=None):
    """POST from another thread, which Django gives its own database connection."""

    def run():
        other = Client()
        other.force_login(user)
        if start is not None:
            start.wait()
        try:
            results[key] = other.post(url, data)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wait_until_blocked_on_a_lock(timeout=10):
    """Poll pg_stat_activity until another backend waits on a row lock."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second save never waited for the first one's lock")


@postgres_only
@concurrent
def test_a_save_waiting_on_another_connections_uncommitted_save_is_refused_after_it():
    case = factories.practice(status=Practice.Status.DRAFT, title="原标题")
    editor = factories.editor(username="second")
    viewer = Client()
    viewer.force_login(editor)
    stale_form = read_form(viewer.get(change_url(case))) | {"title": "第二位编辑的标题"}

    results = {}
    with transaction.atomic():
        # The first editor's save is in flight: row locked, version bumped, not yet committed.
        first = Practice.objects.select_for_update().get(pk=case.pk)
        first.title, first.version = "第一位编辑的标题", first.version + 1
        first.save()
        thread = _post_in_thread(editor, change_url(case), stale_form, results, "second")
        _wait_until_blocked_on_a_lock()
    thread.join(timeout=30)

    response = results["second"]
    assert response.status_code == 200
    html = response.content.decode()
    assert "没有保存" in html and 'value="第二位编辑的标题"' in html
    case.refresh_from_db()
    assert case.title == "第一位编辑的标题" and case.version == 2


@postgres_only
@concurrent
def test_two_simultaneous_saves_of_one_version_let_exactly_one_through():
    case = factories.practice(status=Practice.Status.DRAFT, title="原标题")
    editors = [factories.editor(username=f"editor{n}") for n in (1, 2)]
    viewer = Client()
    viewer.force_login(editors[0])
    form = read_form(viewer.get(change_url(case)))

    start, results = threading.Barrier(2), {}
    threads = [
        _post_in_thread(editor, change_url(case), form | {"title": f"标题{n}"}, results, n, start)
        for n, editor in enumerate(editors)
    ]
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(r.status_code for r in results.values())
    assert codes == [200, 302]
    winner = next(n for n, r in results.items() if r.status_code == 302)
    case.refresh_from_db()
    assert case.title == f"标题{winner}" and case.version == 2


@concurrent
def test_what_changed_meanwhile_is_worked_out_after_the_row_lock_is_released(client, draft, monkeypatch):
    from practices.editorial import locking

    in_transaction = []
    original = locking.changes_since

    def watched(current, version_number):
        in_transaction.append(connection.in_atomic_block)
        return original(current, version_number)

    monkeypatch.setattr(locking, "changes_since", watched)
    client.force_login(factories.editor())
    stale_form = read_form(client.get(change_url(draft)))
    assert client.post(change_url(draft), stale_form | {"approach": "先保存的正文。"}).status_code == 302

    refused = client.post(change_url(draft), stale_form | {"title": "后保存的标题"})
    assert "<ins>先保存</ins>" in refused.content.decode()
    assert in_transaction == [False]
