FROM library/node:22-slim
COPY index.js /index.js
CMD ["node", "/index.js"]
