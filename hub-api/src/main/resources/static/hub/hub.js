// Starts GOV.UK Frontend's components (the design system's progressive enhancement).
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();
