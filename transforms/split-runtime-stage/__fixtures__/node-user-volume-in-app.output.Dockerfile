# A VOLUME inside the copied app folder keeps its files and owner: split.
FROM node:20 AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm prune --omit=dev

FROM node:20-slim
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
VOLUME /usr/src/app/uploads
USER node
CMD ["node", "index.js"]
