FROM node:20 AS build
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --include=dev
COPY . .
# compile TypeScript
RUN npm run build
RUN npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
EXPOSE 3000
USER node
CMD ["node", "dist/index.js"]
