// A PDF button: request the rendering job, poll its status, offer the file when it is ready.
// The bar shows the job's progress (indeterminate while it waits in the queue); the button is
// enabled again once the job has finished, either way.
document.querySelectorAll(".pdf").forEach((box) => {
  const button = box.querySelector(".pdf-request");
  const bar = box.querySelector(".pdf-progress");
  const status = box.querySelector(".pdf-status");
  const link = box.querySelector(".pdf-download");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;

  // Shows the job; true once it is finished (done or failed).
  function show(job) {
    bar.hidden = false;
    if (job.status === "queued") bar.removeAttribute("value");
    else bar.value = job.progress;
    status.textContent = (box.dataset[job.status] || job.status) + (job.status === "running" ? ` ${job.progress}%` : "");
    if (job.status === "done") {
      link.href = job.download_url;
      link.hidden = false;
      bar.value = 100;
      button.disabled = false;
      return true;
    }
    if (job.status === "failed") {
      status.textContent += job.error ? ": " + job.error : "";
      button.disabled = false;
      return true;
    }
    return false;
  }

  async function poll(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      status.textContent = response.statusText;
      button.disabled = false;
      return;
    }
    if (!show(await response.json())) setTimeout(() => poll(url), 700);
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    link.hidden = true;
    bar.hidden = false;
    bar.removeAttribute("value");
    status.textContent = box.dataset.queued;
    const response = await fetch(box.dataset.requestUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    });
    const job = await response.json();
    if (!response.ok) {
      status.textContent = job.error || response.statusText;
      button.disabled = false;
      return;
    }
    if (!show(job)) poll(job.status_url);
  });
});
