FROM node:lts
COPY package.json /srv/web/package.json
COPY npm-shrinkwrap.json /srv/web/
RUN cd /srv/web \
    && npm i --production
