"""A small cluster on this machine: PostgreSQL, Redis, S3 (moto) and two gunicorn nodes sharing them.

Run with `make test-cluster`: scripts/with-postgres provides DATABASE_URL; this file starts the rest
on free local ports, with the commands README "Deploying" lists, and always stops and removes them.
The test process itself uses the same settings and database, to make users and cases as fixtures.
pytest-django is off here (`-p no:django`): the nodes must see the same database, not a test copy.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "casebook.test"  # the name the load balancer forwards, the same to every node
BUCKET = "casebook-media"
PASSWORD = "pw-casebook-1"  # the password tests/factories.py gives every user


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


class Service:
    """One server process in its own process group, logging to a file; started and stopped by the suite."""

    def __init__(self, name, argv, workdir, env=None):
        self.name, self.argv, self.env = name, argv, env
        self.log = workdir / f"{name}.log"
        self.process = None

    def start(self):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own argv
                self.argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def stop(self, sig=signal.SIGTERM):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill(self):
        """As a machine that dies: every process of the group at once, no clean shutdown."""
        self.stop(signal.SIGKILL)

    def tail(self):
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


def answers_tcp(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Node:
    """A gunicorn node with the production settings, as on its own machine (its own var/ folder)."""

    def __init__(self, name, env, workdir):
        self.name = name
        self.port = free_port()
        self.var_dir = workdir / name
        self.env = env | {"CASEBOOK_VAR_DIR": str(self.var_dir), "CASEBOOK_BIND": f"127.0.0.1:{self.port}"}
        self.url = f"http://127.0.0.1:{self.port}"
        self.service = Service(name, [str(BIN / "gunicorn")], workdir, self.env)

    def manage(self, *args):
        subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, check=True)  # noqa: S603

    def start(self):
        self.service.start()
        try:
            wait_until(self.is_healthy, f"node {self.name}")
        except RuntimeError as error:
            raise RuntimeError(f"{error}; its log ends:\n{self.service.tail()}") from None

    def is_healthy(self):
        try:
            return requests.get(f"{self.url}/healthz", headers={"Host": HOST}, timeout=5).status_code == 200
        except (requests.ConnectionError, requests.Timeout):
            return False

    def local_files(self):
        """Every file under the node's media folder: none when media go to object storage."""
        media = self.var_dir / "media"
        return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


class Cluster:
    """The services and nodes, with the environment every node shares."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.redis_port, self.s3_port = free_port(), free_port()
        self.redis = Service(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            workdir,
        )
        self.s3 = Service("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)], workdir)
        self.s3_url = f"http://127.0.0.1:{self.s3_port}"
        self.env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "casebook.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "CASEBOOK_S3_BUCKET": BUCKET,
            "CASEBOOK_S3_ENDPOINT_URL": self.s3_url,
            "CASEBOOK_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "cluster-test",
            "AWS_SECRET_ACCESS_KEY": "cluster-test",  # noqa: S105 - moto accepts any key
            "WEB_CONCURRENCY": "2",
        }
        self.nodes = {name: Node(name, self.env, workdir) for name in ("a", "b")}

    def start_redis(self):
        self.redis.start()
        wait_until(lambda: answers_tcp(self.redis_port), "redis-server")

    def start_s3(self):
        self.s3.start()
        wait_until(lambda: answers_tcp(self.s3_port), "moto_server")
        self.s3_client().create_bucket(Bucket=BUCKET)

    def s3_client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            region_name="us-east-1",
            aws_access_key_id="cluster-test",
            aws_secret_access_key="cluster-test",  # noqa: S106
        )

    def start(self):
        self.start_redis()
        self.start_s3()
        a = self.nodes["a"]
        a.manage("migrate", "--noinput", "--verbosity", "0")  # once per release, from one node
        for node in self.nodes.values():
            node.manage("collectstatic", "--noinput", "--verbosity", "0")  # on every node
            node.start()

    def visitor(self):
        return Visitor()

    def healthz(self, node):
        response = requests.get(f"{node.url}/healthz", headers={"Host": HOST}, timeout=10)
        return response.status_code, response.text

    def stop(self):
        for service in (*(n.service for n in self.nodes.values()), self.s3, self.redis):
            service.stop()


@pytest.fixture(scope="session")
def cluster():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.exit("Run the cluster suite with `make test-cluster` (scripts/with-postgres sets DATABASE_URL).", 2)
    if not shutil.which("redis-server"):
        pytest.exit("redis-server not found: apt-get install redis-server", 2)
    workdir = Path(tempfile.mkdtemp(prefix="casebook-cluster-"))
    built = Cluster(workdir)
    try:
        built.start()
        # This process reads and writes the same database and cache as the nodes, with their settings.
        os.environ.update({k: v for k, v in built.env.items() if k not in ("CASEBOOK_VAR_DIR", "CASEBOOK_BIND")})
        os.environ["CASEBOOK_VAR_DIR"] = str(workdir / "tests")
        import django

        django.setup()
        yield built
    finally:
        built.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


# A SIGTERM (CI's timeout, a closed terminal) must still reach the teardown above, like Ctrl-C does.
signal.signal(signal.SIGTERM, _interrupt)


class Visitor:
    """One browser behind the load balancer: HTTPS as the balancer forwards it, its cookies to any node."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, node, path, **kwargs):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Origin": f"https://{HOST}"}
        response = requests.request(
            method,
            node.url + path,
            headers=headers | kwargs.pop("headers", {}),
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, node, path, **kwargs):
        return self.request("GET", node, path, **kwargs)

    def post(self, node, path, data, **kwargs):
        if "csrftoken" not in self.cookies:
            self.get(node, "/admin/login/")
        return self.request(
            "POST", node, path, data=data | {"csrfmiddlewaretoken": self.cookies["csrftoken"]}, **kwargs
        )

    def log_in(self, node, username, password=PASSWORD):
        self.get(node, "/admin/login/")
        return self.post(node, "/admin/login/", {"username": username, "password": password, "next": "/admin/"})
