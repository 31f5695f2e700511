FROM node:18-alpine
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn --production && rm -rf /usr/local/share/.cache/yarn
RUN yarn build
RUN yarn install --frozen-lockfile --cache-folder /tmp/yc && rm -rf /tmp/yc
