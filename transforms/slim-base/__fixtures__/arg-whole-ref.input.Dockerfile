ARG BASE="node:20"
FROM $BASE
COPY index.js /index.js
CMD ["node", "/index.js"]
