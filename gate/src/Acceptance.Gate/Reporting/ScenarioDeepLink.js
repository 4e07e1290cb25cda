// Opens the scenario a link names, e.g. living-documentation.html#scenario=Features/Upload.feature:12
// (the scenario's line, or an example row's): only its feature is listed, expanded, with the scenario
// scrolled into view and marked. The report's own search matches words, so it cannot name one scenario;
// the link is resolved here against the run's Gherkin documents, which the page carries.
(() => {
  const key = 'scenario=';
  const feature = '[data-accordion-component="AccordionItem"]';
  const style = document.createElement('style');
  style.textContent = `
    html[data-deep-link] ${feature}:not([data-deep-linked]) { display: none; }
    section.deep-linked { outline: 3px solid #0969da; outline-offset: 4px; border-radius: 4px; scroll-margin-top: 1rem; }
    #deep-link { font-family: system-ui, sans-serif; background: #ddf4ff; border-bottom: 1px solid #54aeff; color: #1f2328; padding: .5rem 1.5rem; }`;
  document.head.appendChild(style);
  let watching = null;

  function requested() {
    let hash;
    try {
      hash = decodeURIComponent(location.hash.slice(1));
    } catch {
      return null; // not a link this script made
    }
    if (!hash.startsWith(key)) return null;
    const value = hash.slice(key.length);
    const colon = value.lastIndexOf(':');
    return colon < 0 ? { uri: value, line: NaN } : { uri: value.slice(0, colon), line: Number(value.slice(colon + 1)) };
  }

  // The ids of the headings that can show this line: an example row's, then its outline's; or the scenario's.
  function headingIds({ uri, line }) {
    const doc = (window.CUCUMBER_MESSAGES || []).map(e => e.gherkinDocument).find(d => d && d.uri === uri);
    const children = doc?.feature?.children ?? [];
    const scenarios = children.flatMap(c => c.rule ? c.rule.children : [c]).map(c => c.scenario).filter(Boolean);
    for (const scenario of scenarios) {
      if (scenario.location.line === line) return [scenario.id];
      for (const examples of scenario.examples ?? [])
        for (const row of examples.tableBody ?? [])
          if (row.location.line === line) return [row.id, scenario.id];
    }
    return [];
  }

  function notice(text, withReset) {
    let bar = document.getElementById('deep-link');
    if (!bar) {
      bar = document.createElement('div');
      bar.id = 'deep-link';
      document.getElementById('content').before(bar);
    }
    bar.textContent = text + ' ';
    if (withReset) {
      const all = document.createElement('a');
      all.href = location.pathname + location.search;
      all.textContent = 'Show every feature';
      all.addEventListener('click', event => {
        event.preventDefault();
        history.replaceState(null, '', all.href);
        reset();
      });
      bar.append(all);
    }
  }

  function reset() {
    watching?.disconnect();
    delete document.documentElement.dataset.deepLink;
    document.querySelectorAll('[data-deep-linked]').forEach(e => delete e.dataset.deepLinked);
    document.querySelectorAll('section.deep-linked').forEach(e => e.classList.remove('deep-linked'));
    document.getElementById('deep-link')?.remove();
  }

  // A hidden panel has no layout; the section can be scrolled to once its feature has been expanded.
  function whenShown(element, then) {
    if (element.getClientRects().length) return then();
    const observer = new MutationObserver(() => {
      if (!element.getClientRects().length) return;
      observer.disconnect();
      then();
    });
    observer.observe(element.closest(feature), { attributes: true, subtree: true });
  }

  function show(heading, target) {
    const item = heading.closest(feature);
    const section = heading.closest('section');
    document.documentElement.dataset.deepLink = '';
    item.dataset.deepLinked = '';
    section.classList.add('deep-linked');
    notice(`Showing one scenario: ${target.uri}:${target.line}.`, true);
    const button = item.querySelector('[data-accordion-component="AccordionItemButton"]');
    if (button.getAttribute('aria-expanded') !== 'true') button.click();
    whenShown(section, () => section.scrollIntoView({ block: 'start' }));
  }

  function open() {
    reset();
    const target = requested();
    if (!target) return;
    // A scenario that did not run is not in the report: its feature may be missing, or only its heading.
    const absent = () => notice(`${target.uri}:${target.line} is not in this report: no scenario of this run is at that line.`, true);
    const ids = headingIds(target);
    if (ids.length === 0) return absent();
    // Cucumber's page renders its list once its search index is built; the heading appears then, or never.
    const found = () => {
      const heading = ids.map(id => document.getElementById(id)).find(Boolean);
      if (heading) show(heading, target);
      else if (document.querySelector(feature)) absent();
      else return false;
      return true;
    };
    if (found()) return;
    watching = new MutationObserver(() => found() && watching.disconnect());
    watching.observe(document.getElementById('content'), { childList: true, subtree: true });
  }

  // Searching or filtering lists features again: the page is no longer about one scenario.
  document.addEventListener('input', () => {
    if (!document.documentElement.hasAttribute('data-deep-link')) return;
    history.replaceState(null, '', location.pathname + location.search);
    reset();
  }, true);
  window.addEventListener('hashchange', open);
  open();
})();
