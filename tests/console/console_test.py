#!/usr/bin/env python3
"""The web console (GET /) in a real browser: headless Chromium, driven through chromedriver by
Selenium, loads the page from a live `braid serve`, runs searches and compares what the page shows
with what the API answers to the same requests, sent by this script over HTTP.

Exit status: 0 passed, 1 failed, 77 skipped (only when Chromium, chromedriver or Selenium is missing).
"""
import argparse
import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request

SKIP = 77
TIME_LIMIT_S = 55  # ctest's TIMEOUT is 60 s
COLLECTION = "notes"
DIMENSION = 16
API_KEY = "console-test-key-8d1f"

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as error:  # reported as a skip below, with the interpreter that lacks it
    webdriver = None
    selenium_error = error


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- the server ------------------------------------------------------------------------------

class Server:
    """`braid serve` on port 0 in its own folder; the port is read from its listening line."""

    def __init__(self, braid, folder, api_key=None):
        os.makedirs(folder)
        config = os.path.join(folder, "braid.json")
        with open(config, "w") as out:
            json.dump({"server": {"host": "127.0.0.1", "port": 0, "data_dir": "data", "threads": 2},
                       "collections": []}, out)
        env = {k: v for k, v in os.environ.items() if k != "BRAID_API_KEY"}
        if api_key:
            env["BRAID_API_KEY"] = api_key
        self.api_key = api_key
        self.stderr = open(os.path.join(folder, "stderr.txt"), "w+")
        self.process = subprocess.Popen([braid, "serve", "--config", config], stdout=subprocess.PIPE,
                                        stderr=self.stderr, text=True, env=env)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in self.process.stdout] and None,
                         daemon=True).start()
        marker = "braid listening on http://"
        while True:
            try:
                line = lines.get(timeout=15)
            except queue.Empty:
                raise Failure("braid serve printed no listening line in 15 s")
            if marker in line:
                self.url = "http://" + line.split(marker, 1)[1].strip()
                return

    def request(self, method, path, body=None, content_type="application/json", key=None):
        """(status, headers, decoded body) of one request; the server's key unless `key` is given."""
        data = None
        headers = {}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        key = self.api_key if key is None else key
        if key:
            headers["Authorization"] = "Bearer " + key
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, head, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, head, raw = error.code, error.headers, error.read()
        is_json = head.get("Content-Type", "").startswith("application/json")
        return status, head, json.loads(raw) if is_json and raw else raw.decode()

    def json(self, method, path, body=None, content_type="application/json"):
        status, _, answer = self.request(method, path, body, content_type)
        check(200 <= status < 300, f"{method} {path}: {status} {answer}")
        return answer

    def search(self, body):
        return self.json("POST", f"/collections/{COLLECTION}/search", body)

    def stop(self):
        """SIGTERM, then the exit status (a sanitizer's report at exit makes it non-zero)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def load_corpus(server, rng):
    """A small collection with text and 16-d vectors; returns the documents by id."""
    server.json("PUT", f"/collections/{COLLECTION}", {
        "id_field": "id",
        "fields": {"title": {"type": "text", "analyzer": "english"},
                   "text": {"type": "text", "analyzer": "english"}},
        "vector": {"field": "embedding", "dimension": DIMENSION, "metric": "cosine",
                   "index": {"type": "flat"}}})
    animals = ["cat", "dog", "bird", "fish", "horse"]
    words = ["garden", "river", "sleeps", "runs", "quiet", "night", "morning", "house", "field",
             "window", "chases", "watches", "small", "old", "young", "green", "stone", "road"]
    documents = {}
    for i in range(40):
        animal = animals[i % len(animals)]
        body = rng.sample(words, 6) + [rng.choice(animals) for _ in range(rng.randint(0, 3))]
        rng.shuffle(body)
        documents[f"doc-{i:02d}"] = {
            "id": f"doc-{i:02d}",
            "title": f"The {animal} and the {rng.choice(words)}",
            "text": " ".join(body),
            "embedding": [round(rng.uniform(-1, 1), 6) for _ in range(DIMENSION)]}
    lines = "".join(json.dumps(d) + "\n" for d in documents.values()).encode()
    answer = server.json("POST", f"/collections/{COLLECTION}/documents/_bulk", lines, "application/x-ndjson")
    check(answer["indexed"] == len(documents) and answer["failed"] == 0, f"bulk: {answer}")
    return documents


# --- the browser -----------------------------------------------------------------------------

def start_browser(chromium, chromedriver, profile):
    options = Options()
    options.binary_location = chromium
    for argument in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1000", f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver, log_path=os.devnull), options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(10)
    return driver


def runs(driver):
    return int(driver.execute_script("return document.body.dataset.runs || '0'"))


def wait_idle_after(driver, before, what):
    """Waits until the page finished a search run started after `before` runs, and nothing is pending."""
    try:
        WebDriverWait(driver, 10, poll_frequency=0.05).until(
            lambda d: d.execute_script("return document.body.dataset.state") == "idle" and runs(d) > before)
    except Exception:
        status = driver.find_element(By.ID, "status").text
        raise Failure(f"the page did not finish searching after {what} (status: {status!r})")
    status = driver.find_element(By.ID, "status")
    check("error" not in (status.get_attribute("class") or ""), f"after {what} the page shows an error: {status.text}")


def shown_list(driver, side):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(tr => ({id: tr.dataset.id,"
        " rank: Number(tr.dataset.rank), score: Number(tr.dataset.score),"
        " lexical: (tr.querySelector('td.side.lexical') || {}).textContent,"
        " dense: (tr.querySelector('td.side.dense') || {}).textContent}))",
        f"#{side} tbody tr[data-id]")


def expected_list(answer, side):
    """What the page must show for an answer: the side's own rank and score, or the fused position."""
    out = []
    for position, hit in enumerate(answer["hits"], 1):
        own = hit.get(side) if side != "fused" else None
        out.append({"id": hit["id"], "rank": own["rank"] if own else position,
                    "score": own["score"] if own else hit["score"]})
    return out


def compare(driver, side, answer, what):
    shown = shown_list(driver, side)
    expected = expected_list(answer, side)
    check(len(expected) > 0, f"{what}: the API answered no hits, the test corpus is wrong")
    check([(h["id"], h["rank"]) for h in shown] == [(h["id"], h["rank"]) for h in expected],
          f"{what}: the {side} list shows {[(h['id'], h['rank']) for h in shown]}, "
          f"the API answers {[(h['id'], h['rank']) for h in expected]}")
    for got, want in zip(shown, expected):
        check(abs(got["score"] - want["score"]) <= 1e-12 * max(1.0, abs(want["score"])),
              f"{what}: {side} score of {got['id']} shown {got['score']}, API {want['score']}")
    if side == "fused":
        for got, hit in zip(shown, answer["hits"]):
            for name in ("lexical", "dense"):
                want = f"#{hit[name]['rank']}" if name in hit else "\u2013"
                check(got[name] == want, f"{what}: fused {got['id']} shows {name} rank {got[name]!r}, API {want!r}")
    return shown


def set_number(driver, element_id, value):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(str(value))


def submit(driver, what):
    before = runs(driver)
    driver.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]").click()
    wait_idle_after(driver, before, what)


def row_button(driver, side, rank, name):
    return driver.find_element(By.CSS_SELECTOR, f"#{side} tbody tr[data-rank='{rank}'] button.{name}")


def wait_for(driver, css, what):
    try:
        return WebDriverWait(driver, 10, poll_frequency=0.05).until(
            lambda d: d.find_element(By.CSS_SELECTOR, css) if d.find_elements(By.CSS_SELECTOR, css) else False)
    except Exception:
        raise Failure(f"{what}: {css} never appeared")


def table_rows(element):
    return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in element.find_elements(By.CSS_SELECTOR, "tbody tr")]


# --- the scenarios ---------------------------------------------------------------------------

def check_page_headers(server):
    status, headers, body = server.request("GET", "/", key="")
    check(status == 200, f"GET / without a key answered {status}")
    check(headers["Content-Type"] == "text/html; charset=utf-8", f"GET / Content-Type {headers['Content-Type']}")
    csp = headers.get("Content-Security-Policy", "")
    for part in ["default-src 'none'", "script-src 'sha256-", "style-src 'sha256-", "connect-src 'self'"]:
        check(part in csp, f"the Content-Security-Policy lacks {part!r}: {csp}")
    check("unsafe" not in csp, f"the Content-Security-Policy allows something unsafe: {csp}")
    check("<title>braid console</title>" in body, "GET / is not the console page")


def console_scenario(driver, server, rng, screenshot):
    documents = load_corpus(server, rng)
    server.json("PUT", "/collections/plain", {"id_field": "id", "fields": {"title": {"type": "text"}}})
    server.json("POST", "/collections/plain/documents/_bulk",
                b'{"id": "p1", "title": "a cat in the garden"}\n{"id": "p2", "title": "a dog"}\n', "application/x-ndjson")
    check_page_headers(server)
    driver.get(server.url + "/")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.state") == "idle")
    picker = Select(driver.find_element(By.ID, "collection"))
    check([o.get_attribute("value") for o in picker.options] == [c["name"] for c in server.json("GET", "/collections")["collections"]],
          "the collection picker does not list the collections")
    if picker.first_selected_option.get_attribute("value") != COLLECTION:
        before = runs(driver)
        picker.select_by_value(COLLECTION)
        wait_idle_after(driver, before, "picking the collection")

    query = "cat garden"
    vector = [round(rng.uniform(-1, 1), 6) for _ in range(DIMENSION)]
    k, rrf_k, window = 5, 20, 40
    set_number(driver, "k", k)
    set_number(driver, "rrf-k", rrf_k)
    set_number(driver, "window", window)
    driver.find_element(By.CSS_SELECTOR, "#vector-box summary").click()
    driver.find_element(By.ID, "vector").send_keys(json.dumps(vector))
    driver.find_element(By.ID, "query").send_keys(query)
    submit(driver, "the first query")

    lexical = server.search({"query": query, "k": k})
    dense = server.search({"vector": vector, "k": k})
    rrf_body = {"query": query, "vector": vector, "k": k, "fusion": {"method": "rrf", "k": rrf_k, "window": window}}
    rrf = server.search(rrf_body)
    compare(driver, "lexical", lexical, "query")
    compare(driver, "dense", dense, "query")
    compare(driver, "fused", rrf, "query")

    # Linear fusion at an alpha whose order differs from RRF's (the API says which), so the
    # fused list must visibly move.
    rrf_ids = [h["id"] for h in rrf["hits"]]
    alpha = linear = None
    for candidate in [0.3, 0.7, 0.1, 0.9, 0.5, 0.2, 0.8, 0.4, 0.6]:
        body = {"query": query, "vector": vector, "k": k,
                "fusion": {"method": "linear", "alpha": candidate, "normalization": "minmax", "window": window}}
        answer = server.search(body)
        if [h["id"] for h in answer["hits"]] != rrf_ids:
            alpha, linear = candidate, answer
            break
    check(alpha is not None, "no alpha orders the test corpus differently from RRF: the corpus is wrong")
    before = runs(driver)
    Select(driver.find_element(By.ID, "method")).select_by_value("linear")
    wait_idle_after(driver, before, "switching to linear")
    check(driver.find_element(By.ID, "alpha").is_displayed(), "alpha is not shown for linear fusion")
    check(not driver.find_element(By.ID, "rrf-k").is_displayed(), "RRF k is still shown for linear fusion")
    before = runs(driver)
    set_number(driver, "alpha", alpha)
    wait_idle_after(driver, before, "changing alpha")
    shown = compare(driver, "fused", linear, f"linear fusion, alpha {alpha}")
    check([h["id"] for h in shown] != rrf_ids, "the fused list did not change with the fusion method")
    note = driver.find_element(By.CSS_SELECTOR, "#fused .note").text
    check(note.startswith("linear"), f"the fused list's note does not name linear fusion: {note!r}")

    # Explain the first fused hit: the page's tables against the API's explain answer.
    linear_body = {"query": query, "vector": vector, "k": k,
                   "fusion": {"method": "linear", "alpha": alpha, "normalization": "minmax", "window": window},
                   "explain": True}
    explained = server.search(linear_body)["hits"][0]
    row_button(driver, "fused", 1, "explain").click()
    sides = wait_for(driver, "#detail table.explain-sides", "explain")
    check(explained["id"] in driver.find_element(By.ID, "detail-title").text, "the explain panel names another hit")
    want_sides = [[name, str(explained[name]["rank"])] for name in ("lexical", "dense") if name in explained]
    check([row[:2] for row in table_rows(sides)] == want_sides,
          f"explain sides {table_rows(sides)} vs API {want_sides}")
    want_terms = [(t["field"], t["term"]) for t in explained.get("explanation", {}).get("terms", [])]
    if want_terms:
        terms = wait_for(driver, "#detail table.explain-terms", "explain terms")
        check([tuple(row[:2]) for row in table_rows(terms)] == want_terms,
              f"explain terms {table_rows(terms)} vs API {want_terms}")
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(screenshot)

    # The document of the first lexical hit, with its vector abbreviated.
    first = shown_list(driver, "lexical")[0]["id"]
    row_button(driver, "lexical", 1, "doc").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#detail pre.document"))
    shown_document = json.loads(driver.find_element(By.CSS_SELECTOR, "#detail pre.document").text)
    check(shown_document["title"] == documents[first]["title"], f"document {first}: {shown_document}")
    check(shown_document["embedding"].endswith(f"{DIMENSION} numbers]"), "the document's vector is not abbreviated")

    # More like this: the third dense hit's own vector becomes the query vector, so it ranks first.
    third = shown_list(driver, "dense")[2]["id"]
    before = runs(driver)
    row_button(driver, "dense", 3, "like").click()
    wait_idle_after(driver, before, "more like this")
    # The vector comes back from the dense index as floats (the unit vector times its norm under
    # cosine): equal to the one sent to within a few float ulps.
    taken = json.loads(driver.find_element(By.ID, "vector").get_attribute("value"))
    sent = documents[third]["embedding"]
    check(len(taken) == len(sent) and all(abs(a - b) <= 4e-7 * max(1.0, abs(b)) for a, b in zip(taken, sent)),
          "more like this did not take the hit's vector")
    compare(driver, "dense", server.search({"vector": taken, "k": k}), "more like this")
    check(shown_list(driver, "dense")[0]["id"] == third, f"more like this {third}: it is not the first dense hit")

    # Escaping: a document whose title is markup is shown as text.
    server.json("PUT", f"/collections/{COLLECTION}/documents/evil", {
        "title": "cat <img src=x id=injected> garden", "text": "<b id=bold>cat</b>",
        "embedding": vector})
    driver.find_element(By.ID, "clear-vector").click()
    submit(driver, "the markup document")
    check(not driver.find_elements(By.ID, "injected") and not driver.find_elements(By.ID, "bold"),
          "a document's markup became DOM elements")
    check("<img src=x id=injected>" in driver.find_element(By.ID, "lexical").text, "the markup title is not shown as text")

    # Another collection, without vectors: no dense side, and the lexical list is that collection's.
    before = runs(driver)
    Select(driver.find_element(By.ID, "collection")).select_by_value("plain")
    wait_idle_after(driver, before, "switching collection")
    check(not driver.find_element(By.ID, "vector-box").is_displayed(), "the vector box is shown for a collection without vectors")
    check("no vectors" in driver.find_element(By.ID, "dense").text, "the dense list does not say the collection has no vectors")
    compare(driver, "lexical", server.json("POST", "/collections/plain/search", {"query": query, "k": k}), "collection plain")

    problems = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    check(not problems, f"the browser logged errors: {problems}")


def key_scenario(driver, server, rng):
    load_corpus(server, rng)
    check_page_headers(server)
    status, _, _ = server.request("GET", "/collections", key="")
    check(status == 401, f"the keyed server answered {status} to GET /collections without a key")
    driver.get(server.url + "/")
    form = wait_for(driver, "#key-form:not([hidden])", "the key prompt")
    check("needs an API key" in driver.find_element(By.ID, "key-message").text, "the key prompt does not say why")
    driver.find_element(By.ID, "key-input").send_keys("not-the-key")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "refused" in d.find_element(By.ID, "key-message").text)
    check(driver.find_element(By.ID, "key-form").is_displayed(), "the key prompt closed on a wrong key")
    driver.find_element(By.ID, "key-input").send_keys(API_KEY)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.state") == "idle"
                                    and d.find_elements(By.CSS_SELECTOR, "#collection option"))
    check(not driver.find_element(By.ID, "key-form").is_displayed(), "the key prompt stayed open")
    check(driver.execute_script("return sessionStorage.getItem('braid.apiKey')") == API_KEY, "the key is not kept")

    driver.find_element(By.ID, "query").send_keys("dog")
    submit(driver, "a query with the key")
    compare(driver, "lexical", server.search({"query": "dog", "k": 10}), "query with the key")

    # Asked once: a reload finds the key in the tab and does not ask again.
    driver.refresh()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.state") == "idle"
                                    and d.find_elements(By.CSS_SELECTOR, "#collection option"))
    check(not driver.find_element(By.ID, "key-form").is_displayed(), "the page asked for the key again after a reload")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--braid", required=True, help="the braid binary")
    parser.add_argument("--screenshot", required=True, help="where to write the PNG screenshot")
    args = parser.parse_args()

    if webdriver is None:
        print(f"SKIPPED: Selenium is not importable by {sys.executable} ({selenium_error}); "
              "install python3-selenium (scripts/setup.sh)")
        return SKIP
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        print(f"SKIPPED: chromium ({chromium}) or chromedriver ({chromedriver}) is missing; "
              "install chromium and chromium-driver (scripts/setup.sh)")
        return SKIP

    def out_of_time(signum, frame):
        raise Failure(f"the console test took more than {TIME_LIMIT_S} s")
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(TIME_LIMIT_S)

    rng = random.Random(20261126)
    servers = []
    driver = None
    with tempfile.TemporaryDirectory(prefix="braid-console-") as folder:
        try:
            driver = start_browser(chromium, chromedriver, os.path.join(folder, "profile"))
            servers.append(Server(args.braid, os.path.join(folder, "open")))
            console_scenario(driver, servers[-1], rng, args.screenshot)
            print("ok: lexical, dense and fused lists match the API; linear fusion moves the list; "
                  "explain, document, more like this; markup escaped")
            servers.append(Server(args.braid, os.path.join(folder, "keyed"), api_key=API_KEY))
            key_scenario(driver, servers[-1], rng)
            print("ok: the API key is asked for, a wrong one refused, the right one kept across a reload")
            for server in servers:
                check(server.stop() == 0, f"braid serve exited with status {server.process.returncode} on SIGTERM")
            print(f"screenshot: {args.screenshot}")
            return 0
        except Failure as failure:
            print(f"FAILED: {failure}")
            for server in servers:
                server.stderr.seek(0)
                sys.stdout.write(server.stderr.read()[-2000:])
            return 1
        finally:
            signal.alarm(0)
            if driver is not None:
                driver.quit()
            for server in servers:
                server.stop()


if __name__ == "__main__":
    sys.exit(main())
