ARG BASE="node:20-slim"
FROM $BASE
COPY index.js /index.js
CMD ["node", "/index.js"]
