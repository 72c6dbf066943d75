// Progressive enhancement only: every page works without this file.
import { initAll } from "./vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
