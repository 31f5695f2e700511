FROM node:18-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
RUN yarn global add serve
RUN yarn
CMD ["yarn", "start"]
