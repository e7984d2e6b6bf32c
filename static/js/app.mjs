// Progressive enhancement only: every page works without this file.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";

// GOV.UK Frontend's own messages in the page's language, rendered by Django (base.html).
const config = document.getElementById("govuk-frontend-config");
initAll(config ? JSON.parse(config.textContent) : {});
