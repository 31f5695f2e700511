FROM library/node:22
COPY index.js /index.js
CMD ["node", "/index.js"]
