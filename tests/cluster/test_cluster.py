"""What users of several machines rely on, on two gunicorn nodes sharing PostgreSQL, Redis and S3 storage.

Tests run in file order and share one cluster; the last ones stop a node, Redis and the store.
"""

import html
import re
import threading
import time

import requests

from tests.admin_forms import read_form
from tests.cluster.conftest import BUCKET, wait_until
from tests.image_samples import phone_photo


def models():
    from practices.models import Practice
    from tests import factories

    return Practice, factories


def change_url(case):
    return f"/admin/practices/practice/{case.pk}/change/"


def test_a_case_published_on_node_a_shows_on_node_b_at_once(cluster):
    Practice, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    case = factories.practice(status=Practice.Status.REVIEW, title="跨机器发布的枫桥经验案例")
    public = cluster.visitor()
    assert case.title not in public.get(b, "/cases/").text
    assert public.get(b, "/cases/").headers["X-Casebook-Cache"] == "hit"

    staff = cluster.visitor()
    assert staff.log_in(a, factories.reviewer().username).status_code == 302
    case.refresh_from_db()
    review = f"/admin/practices/practice/{case.pk}/review/"
    response = staff.post(a, review, {"action": "publish", "text": "", "base_version": case.version})
    assert response.status_code == 302

    page = public.get(b, "/cases/")
    assert page.headers["X-Casebook-Cache"] == "miss"
    assert case.title in page.text


def test_a_picture_uploaded_on_node_a_is_served_from_object_storage_on_node_b(cluster):
    Practice, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    case = factories.practice(status=Practice.Status.DRAFT, title="有图片的案例")
    editor = cluster.visitor()
    editor.log_in(a, factories.editor().username)
    data = read_form(editor.get(a, change_url(case))) | {
        "images-TOTAL_FORMS": "1",
        "images-0-alt_text": "社区调解员在调解室",
        "images-0-licence": "permission",
        "images-0-order": "0",
    }
    photo = ("photo.jpg", phone_photo(size=(1200, 800)), "image/jpeg")
    response = editor.post(a, change_url(case), data, files={"images-0-image": photo})
    assert response.status_code == 302, response.text[-2000:]
    case.status, case.published_at = Practice.Status.PUBLISHED, None
    case.save()

    image = case.images.get()
    keys = [image.image.name] + [size[kind] for size in image.renditions["sizes"] for kind in ("webp", "jpeg")]
    assert len(keys) == 7  # the picture, and 480, 960 and its own 1200 px wide in two formats
    store = cluster.s3_client()
    for key in keys:
        assert store.head_object(Bucket=BUCKET, Key=key)["ContentLength"] > 0

    page = cluster.visitor().get(b, case.get_absolute_url())
    assert page.status_code == 200
    links = [html.unescape(url) for url in re.findall(r'https?://[^"\s,]+', page.text)]
    for key in keys[1:]:
        assert any(link.startswith(f"{cluster.s3_url}/{BUCKET}/{key}?") for link in links), key
    rendition = next(link for link in links if link.startswith(f"{cluster.s3_url}/{BUCKET}/{keys[1]}?"))
    assert requests.get(rendition, timeout=10).headers["Content-Type"] == "image/webp"
    # The browser may load them: the store's origin is in the page's Content Security Policy.
    assert cluster.s3_url in page.headers["Content-Security-Policy"]
    assert a.local_files() == [] and b.local_files() == []


def test_a_login_on_node_a_holds_on_node_b(cluster):
    _, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    user = factories.editor(username="editor-on-two-nodes")
    staff = cluster.visitor()
    assert staff.log_in(a, user.username).headers["Location"] == "/admin/"
    dashboard = staff.get(b, "/admin/")
    assert dashboard.status_code == 200
    assert "editor-on-two-nodes" in dashboard.text


def test_a_lockout_on_node_a_holds_on_node_b(cluster):
    _, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    user = factories.editor()
    guesser = cluster.visitor()
    statuses = [guesser.log_in(a, user.username, password=f"wrong-{n}").status_code for n in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    response = cluster.visitor().log_in(b, user.username)  # now with the right password
    assert response.status_code == 429
    assert "sessionid" not in response.headers.get("Set-Cookie", "")


def test_when_node_a_dies_node_b_keeps_answering(cluster):
    _, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    staff = cluster.visitor()
    staff.log_in(a, factories.editor().username)
    answers, stop = [], threading.Event()

    def keep_visiting_b():
        public = cluster.visitor()
        while not stop.is_set():
            answers.append(public.get(b, "/cases/?page=1").status_code)

    visiting = threading.Thread(target=keep_visiting_b)
    visiting.start()
    try:
        time.sleep(0.5)
        a.service.kill()
        time.sleep(1.5)
    finally:
        stop.set()
        visiting.join()
    try:
        assert answers and set(answers) == {200}
        assert cluster.healthz(b) == (200, "ok")
        assert staff.get(b, "/admin/").status_code == 200  # the session made on A
        try:
            requests.get(f"{a.url}/healthz", timeout=5)
            raise AssertionError("node A still answers")
        except requests.ConnectionError:
            pass
    finally:
        a.start()


def test_without_redis_pages_render_from_the_database_and_healthz_names_the_cache(cluster):
    Practice, factories = models()
    a, b = cluster.nodes["a"], cluster.nodes["b"]
    case = factories.practice(title="缓存停了也能看的案例")
    cluster.redis.stop()
    try:
        for node in (a, b):
            page = cluster.visitor().get(node, "/cases/")
            assert page.status_code == 200
            assert case.title in page.text
            assert "X-Casebook-Cache" not in page.headers
            assert cluster.healthz(node) == (503, "unavailable: cache")
        # Editing goes on: the new generation cannot be stored, but the save is not refused.
        staff = cluster.visitor()
        staff.log_in(a, factories.reviewer().username)
        unpublish = {"action": "unpublish", "_selected_action": case.pk, "index": "0"}
        assert staff.post(a, "/admin/practices/practice/", unpublish).status_code == 302
        case.refresh_from_db()
        assert not case.is_public
    finally:
        cluster.start_redis()
    for node in (a, b):
        wait_until(lambda node=node: cluster.healthz(node) == (200, "ok"), f"node {node.name} healthy again")
    public = cluster.visitor()
    assert public.get(b, "/themes/").headers["X-Casebook-Cache"] == "miss"
    assert public.get(b, "/themes/").headers["X-Casebook-Cache"] == "hit"


def test_without_object_storage_healthz_names_the_storage(cluster):
    b = cluster.nodes["b"]
    cluster.s3.stop()
    try:
        assert cluster.healthz(b) == (503, "unavailable: storage")
        assert cluster.visitor().get(b, "/cases/").status_code == 200
    finally:
        cluster.start_s3()
    wait_until(lambda: cluster.healthz(b) == (200, "ok"), "node b healthy again")
