FROM node:14
WORKDIR /app
RUN npm install -g npm@5.6.0
COPY package.json package-lock.json ./
RUN npm install
CMD ["node", "server.js"]
