FROM node:22
WORKDIR /app
COPY server.js .
CMD ["node", "server.js"]
