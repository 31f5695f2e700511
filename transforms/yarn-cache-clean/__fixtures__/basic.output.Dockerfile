FROM node:18-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn global add serve && yarn cache clean
RUN yarn && yarn cache clean
CMD ["yarn", "start"]
