// Every htmx request carries the CSRF token that the server put on <body>.
document.addEventListener("htmx:configRequest", function (event) {
  event.detail.headers["X-CSRF-Token"] = document.body.dataset.csrfToken;
});
