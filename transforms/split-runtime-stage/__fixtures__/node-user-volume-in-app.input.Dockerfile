# A VOLUME inside the copied app folder keeps its files and owner: split.
FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
VOLUME /usr/src/app/uploads
USER node
CMD ["node", "index.js"]
