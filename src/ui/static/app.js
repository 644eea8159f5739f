// The page's only script: sends forms marked data-post to this app and shows the HTML the server
// renders in their data-target. No inline code, nothing from elsewhere (the CSP allows neither).
// The server escapes every value it renders; the fragment is parsed into nodes, never evaluated.

const REQUEST_HEADER = 'X-Chatproof-Request';

function fragment(text) {
  const doc = new DOMParser().parseFromString(`<body>${text}</body>`, 'text/html');
  return [...doc.body.childNodes];
}

function show(target, text) {
  target.replaceChildren(...fragment(text));
  wire(target);
}

async function send(form) {
  const target = document.querySelector(form.dataset.target);
  const file = form.querySelector('input[type=file]')?.files?.[0];
  const fields = {};
  for (const [k, v] of new FormData(form)) if (typeof v === 'string') fields[k] = v;
  let url = form.dataset.post;
  let init;
  if (file) {
    // Bytes as they are, with the other fields in the address: the server reads the body as a
    // stream with a size limit, and never parses a form.
    url += '?' + new URLSearchParams({ ...fields, name: file.name });
    init = { body: file, headers: { 'Content-Type': 'application/octet-stream' } };
  } else {
    init = { body: JSON.stringify(fields), headers: { 'Content-Type': 'application/json' } };
  }
  init.method = 'POST';
  init.headers[REQUEST_HEADER] = '1';
  const button = form.querySelector('button[type=submit], button:not([type])');
  if (button) button.disabled = true;
  target?.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    if (form.dataset.clear !== undefined) form.reset();
    if (target) show(target, text);
  } catch (e) {
    if (target) target.textContent = String(e);
  } finally {
    if (button) button.disabled = false;
    target?.removeAttribute('aria-busy');
  }
}

function wire(root) {
  for (const form of root.querySelectorAll('form[data-post]')) {
    if (form.dataset.wired) continue;
    form.dataset.wired = '1';
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      send(form);
    });
    if (form.dataset.auto !== undefined) {
      form.querySelector('input[type=file]')?.addEventListener('change', () => send(form));
    }
  }
  for (const zone of root.querySelectorAll('[data-drop]')) {
    if (zone.dataset.wired) continue;
    zone.dataset.wired = '1';
    const input = zone.querySelector('input[type=file]');
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (!input || !e.dataTransfer?.files?.length) return;
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event('change'));
    });
  }
  for (const el of root.querySelectorAll('[data-refresh]')) {
    if (el.dataset.wired) continue;
    el.dataset.wired = '1';
    const every = Number(el.dataset.every ?? '2000');
    const tick = async () => {
      if (!el.isConnected) return;
      const res = await fetch(el.dataset.refresh);
      if (res.ok) show(el, await res.text());
      setTimeout(tick, every);
    };
    setTimeout(tick, every);
  }
}

wire(document);
