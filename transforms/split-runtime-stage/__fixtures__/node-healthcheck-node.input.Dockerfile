FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
EXPOSE 3000
HEALTHCHECK CMD node healthcheck.js
CMD ["node", "index.js"]
