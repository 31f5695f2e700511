FROM node:18-bullseye
WORKDIR /app
COPY server.js .
CMD ["node", "server.js"]
