// Starts ReDoc on the schema named by its container (no inline script: the page keeps a strict CSP).
const container = document.getElementById("redoc-container");
Redoc.init(container.dataset.schemaUrl, {}, container);
