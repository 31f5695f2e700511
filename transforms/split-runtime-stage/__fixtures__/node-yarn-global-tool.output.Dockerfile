FROM node:20 AS build
RUN npm install -g yarn
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn
COPY . .
RUN yarn run build
ENV NODE_ENV=production
RUN yarn install --production

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "build/index.js"]
