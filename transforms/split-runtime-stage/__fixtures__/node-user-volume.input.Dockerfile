# USER node writes into VOLUME /data, which the runtime stage would create as root: not split.
FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN mkdir /data && chown node /data
VOLUME /data
USER node
CMD ["node", "index.js"]
