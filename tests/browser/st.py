"""Helpers to drive Streamlit widgets in Playwright by their keys (Streamlit adds ``st-key-<key>``)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# Finds the vis-network instance inside the agraph iframe (react-graph-vis keeps it in a hook's state)
# and returns where a node is drawn, in the iframe's coordinates, with its label.
NODE_POSITION_JS = """(nodeId) => {
  const host = document.querySelector('.vis-network').parentElement;
  const key = Object.keys(host).find(k => k.startsWith('__reactInternalInstance$') || k.startsWith('__reactFiber$'));
  let net = null;
  for (let f = host[key]; f && !net; f = f.return) {
    if (f.stateNode && f.stateNode.Network) net = f.stateNode.Network;
    for (let h = f.memoizedState; h && !net; h = h.next) {
      const v = h.memoizedState;
      if (v && v.current && typeof v.current.getPositions === 'function') net = v.current;
      if (v && typeof v.getPositions === 'function') net = v;
    }
  }
  if (!net) return null;
  const r = host.querySelector('canvas').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPositions([nodeId])[nodeId]);
  const node = net.body.data.nodes.get(nodeId);
  return {x: r.left + dom.x, y: r.top + dom.y, label: node.label, title: node.title || '',
          background: node.color && node.color.background};
}"""


def keyed(page: Page, key: str):
    return page.locator(f".st-key-{key}")


def fill(page: Page, key: str, text: str) -> None:
    box = keyed(page, key).locator("input, textarea").first
    box.fill(text)


def choose(page: Page, key: str, option: str) -> None:
    """Pick ``option`` in a selectbox or multiselect."""
    keyed(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.get_by_role("listbox")).to_have_count(0)


def segment(page: Page, key: str, label: str) -> None:
    """Click one option of a segmented control."""
    keyed(page, key).get_by_role("radio", name=label, exact=True).click()


def section(page: Page, label: str) -> None:
    """Switch the step page's section (a segmented control) and wait until it is drawn."""
    segment(page, "step1_section", label)
    expect(
        keyed(page, "step1_section").get_by_role("radio", name=label, exact=True)
    ).to_be_checked()
    settle(page)


def click(page: Page, key: str) -> None:
    keyed(page, key).get_by_role("button").first.click()


def submit(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def submit_form_of(page: Page, key: str, label: str) -> None:
    """Click ``label`` in the form that holds the widget ``key`` (pages have several forms)."""
    form = page.locator("[data-testid='stForm']").filter(has=keyed(page, key))
    form.get_by_role("button", name=label, exact=True).click()


def settle(page: Page) -> None:
    """Wait until Streamlit has finished the run the last action asked for.

    The app root says where its script run stands: an action sets it to "rerunRequested"
    at once, the server's run to "running", its end to "notRunning". On a page with a part
    that reruns by itself every few seconds (a live round's bar, the ideas board, the agenda's
    clock), the end of that part's run, arriving just after the action, also says
    "notRunning" before the action's own run has started: there, wait for what the action
    shows instead.
    """
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=20_000
    )


def click_graph_node(page: Page, node_id: str) -> dict:
    """Click a journey-graph node with the mouse, where vis-network drew it; returns its label."""
    frame_el = page.locator("iframe[title='pages.common.graph.agraph']")
    expect(frame_el).to_be_visible()
    frame = frame_el.element_handle().content_frame()
    # The network draws after the iframe loads: wait until its node can be found.
    frame.wait_for_function(NODE_POSITION_JS, arg=node_id, timeout=10_000)
    info = frame.evaluate(NODE_POSITION_JS, node_id)
    assert info, "vis-network instance not found in the agraph iframe"
    box = frame_el.bounding_box()
    page.mouse.click(box["x"] + info["x"], box["y"] + info["y"])
    return info


def rating_groups(page: Page):
    """The 1–5 choices on a phone's current screen (not the DE/EN language switch)."""
    return page.locator("[data-testid='stButtonGroup']").filter(
        has=page.get_by_role("radio", name="5", exact=True)
    )


def tap(page: Page, group, value: str) -> None:
    """Tap ``value`` in one 1–5 choice and wait until the server confirms it (the tick)."""
    choice = group.get_by_role("radio", name=value, exact=True)
    choice.click()
    expect(choice).to_be_checked()
    widget = group.locator("xpath=ancestor::div[contains(@class, 'st-key-s_')][1]")
    expect(widget.locator("[aria-label='check_circle icon']")).to_be_visible()
    settle(page)


def answer_all(page: Page, values) -> None:
    """Tap ``values`` (one per question, cycling) on every screen of a rating round, moving on
    with "Weiter", up to the overview. Each tap is saved by itself."""
    values = list(values) if not isinstance(values, str) else [values]
    i = 0
    while True:
        groups = rating_groups(page)
        expect(groups.first).to_be_visible()
        for n in range(groups.count()):
            tap(page, groups.nth(n), values[i % len(values)])
            i += 1
        if move_on(page):
            return


def move_on(page: Page) -> bool:
    """Tap "Weiter" (or "Zur Übersicht" on the last screen) and wait until the next screen is
    drawn; returns True when that was the overview."""
    progress = page.get_by_test_id("stProgress").first
    before = progress.inner_text()
    overview = page.get_by_role("button", name="Zur Übersicht", exact=True)
    if overview.count():
        overview.click()
        expect(page.get_by_test_id("stProgress")).to_have_count(0)
        settle(page)
        return True
    page.get_by_role("button", name="Weiter", exact=True).click()
    expect(progress).not_to_have_text(before)
    settle(page)
    return False


def join_phones(new_page, phone_url: str, join_code: str, names) -> dict:
    """A phone (390×844, its own browser context) per name, joined to the workshop under that
    name: name → page."""
    phones = {}
    for name in names:
        phone = new_page(390, 844)
        phone.goto(f"{phone_url}/join?code={join_code}")
        fill(phone, "join_name", name)
        submit(phone, "Beitreten")
        expect(phone.get_by_text(f"Sie nehmen als {name} teil.")).to_be_visible()
        phones[name] = phone
    return phones


def reveal_and_close(page: Page) -> None:
    """In the live-round bar: reveal the results, wait until the bar shows them revealed (as
    the facilitator would look), then close the round and wait until the bar is gone."""
    click(page, "round_reveal")
    expect(keyed(page, "round_reveal")).to_have_count(0, timeout=10_000)
    settle(page)
    click(page, "round_close")
    expect(keyed(page, "live_round_bar")).to_have_count(0, timeout=10_000)
