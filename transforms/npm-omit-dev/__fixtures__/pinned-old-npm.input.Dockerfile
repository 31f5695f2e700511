FROM node:16
RUN npm install -g npm@6
COPY package.json package-lock.json ./
RUN npm install
CMD ["node", "server.js"]
