// Search over the static site with Pagefind's index (pagefind/), in the browser: no server.
// Without JavaScript the form stays hidden and the page points to the lists and browse pages.
(async () => {
  const form = document.querySelector("form.search");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  // One index per year (newest first): the first is loaded, the others merged into it.
  const [first, ...others] = form.dataset.indexes.split(" ").filter(Boolean);
  const baseUrl = new URL(".", location.href).pathname;
  let pagefind;
  try {
    pagefind = await import(new URL(first + "pagefind.js", location.href).href);
    await pagefind.options({ baseUrl });
    for (const other of others) await pagefind.mergeIndex(new URL(other, location.href).pathname, { baseUrl });
  } catch (e) {
    status.textContent = "Search is not available on this copy of the site.";
    return;
  }
  form.hidden = false;
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  for (const s of selects) s.value = params.get(s.name) || "";

  async function run() {
    const filters = {};
    for (const s of selects) if (s.value) filters[s.dataset.filter] = s.value;
    const term = form.elements.q.value.trim();
    if (!term && !Object.keys(filters).length) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    const found = await pagefind.search(term || null, { filters });
    const shown = await Promise.all(found.results.slice(0, 50).map((r) => r.data()));
    list.replaceChildren(...shown.map((r) => {
      const li = document.createElement("li");
      const h = li.appendChild(document.createElement("h2"));
      const a = h.appendChild(document.createElement("a"));
      a.href = r.url;
      a.textContent = r.meta.title;
      const p = li.appendChild(document.createElement("p"));
      p.innerHTML = r.excerpt; // Pagefind's excerpt: the page's own escaped text with <mark>
      return li;
    }));
    const n = found.results.length;
    status.textContent = `${n} decision${n === 1 ? "" : "s"} found` + (n > 50 ? ", the first 50 shown" : "");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    history.replaceState(null, "", "?" + new URLSearchParams(new FormData(form)));
    run();
  });
  run();
})();
